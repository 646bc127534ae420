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

    /** The session of a command that does not use Spark MLlib: without MLlib's SQL functions ({@link SparkSessions}). */
    SparkSession session(String appName) {
        return SparkSessions.getOrCreate(appName, master, new LinkedHashMap<>(conf), false);
    }

    /**
     * The session of a command that uses Spark MLlib or serves SQL to users, with MLlib's SQL functions; started with
     * {@code settings} after the user's own (--conf) if it is not running yet.
     */
    SparkSession sessionWithMlFunctions(String appName, Map<String, String> settings) {
        Map<String, String> all = new LinkedHashMap<>(conf);
        all.putAll(settings);
        return SparkSessions.getOrCreate(appName, master, all, true);
    }
}
