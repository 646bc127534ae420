package org.nsbi.spark.cli;

import org.apache.spark.sql.SparkSession;
import org.nsbi.model.config.AnalysisConfig;
import org.nsbi.model.config.AnalysisConfigParser;
import org.nsbi.spark.io.HadoopFileAccess;
import picocli.CommandLine.Option;

/** The analysis config a command works on, validated before any work starts. */
public final class ConfigOption {

    @Option(names = "--config", required = true, paramLabel = "FILE",
            description = "The analysis config (YAML; format in nsbi-model/CONFIG.md).")
    String config;

    AnalysisConfig read(SparkSession spark) {
        return parser(spark).parse(java.nio.file.Path.of(config));
    }

    static AnalysisConfigParser parser(SparkSession spark) {
        return AnalysisConfigParser.withDefaults()
                .withFileAccess(new HadoopFileAccess(spark.sparkContext().hadoopConfiguration()));
    }
}
