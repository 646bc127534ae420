package org.nsbi.spark.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.nsbi.spark.session.SparkSessions;
import picocli.CommandLine.Option;

/** The Spark options every command takes. */
public final class SparkOptions {

    @Option(names = "--master", paramLabel = "URL",
            description = "Spark master (local[N], spark://host:port, ...). Default: the submitter's, else local[*].")
    String master;

    @Option(names = "--conf", paramLabel = "KEY=VALUE", description = "A Spark setting; repeatable.")
    Map<String, String> conf = new LinkedHashMap<>();

    SparkSession session(String appName) {
        return SparkSessions.getOrCreate(appName, master, conf);
    }
}
