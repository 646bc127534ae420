package org.nsbi.spark.cli;

import java.nio.file.Path;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.nsbi.spark.actions.AnalysisAction;
import picocli.CommandLine.Mixin;

/** The options of a command that works on an analysis config: Spark, the config, the output folder. */
public final class AnalysisRunOptions {

    @Mixin
    SparkOptions spark;

    @Mixin
    ConfigOption config;

    @Mixin
    OutputOptions output;

    SparkSession session(String command) {
        return spark.session("nsbi " + command);
    }

    /** The session of a command that uses Spark MLlib. */
    SparkSession sessionWithMlFunctions(String command) {
        return spark.sessionWithMlFunctions("nsbi " + command, Map.of());
    }

    /** Sets the config and the output folder on an action. */
    <A extends AnalysisAction<A>> A applyTo(A action) {
        return output.applyTo(action).config(Path.of(config.config));
    }
}
