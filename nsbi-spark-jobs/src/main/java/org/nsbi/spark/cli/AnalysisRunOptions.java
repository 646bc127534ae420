package org.nsbi.spark.cli;

import org.apache.spark.sql.SparkSession;
import org.nsbi.model.config.AnalysisConfig;
import org.nsbi.stats.model.MixtureModel;
import picocli.CommandLine.Mixin;

/** The options of a command that works on an analysis config: Spark, the config, the output folder. */
public final class AnalysisRunOptions {

    @Mixin
    SparkOptions spark;

    @Mixin
    ConfigOption config;

    @Mixin
    OutputOptions output;

    /** What a command starts from: the session, the validated config and its mixture model. */
    record Context(SparkSession session, AnalysisConfig analysis, MixtureModel model) {
    }

    /** Starts the session and validates the config before any work (and before the output folder is touched). */
    Context open(String command) {
        SparkSession session = spark.session("nsbi " + command);
        AnalysisConfig analysis = config.read(session);
        output.check(session);
        return new Context(session, analysis, Pipeline.model(analysis));
    }
}
