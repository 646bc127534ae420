package org.nsbi.spark.actions;

import org.apache.spark.sql.SparkSession;
import org.nsbi.model.config.AnalysisConfig;
import org.nsbi.model.output.RunInfo;

/** What ran, for a summary: the command, the config, the Spark master and parallelism, the model in brief. */
final class RunInfos {

    private RunInfos() {
    }

    static RunInfo of(SparkSession spark, String command, AnalysisConfig config) {
        return new RunInfo(command, config.file(), spark.sparkContext().master(),
                spark.sparkContext().defaultParallelism(),
                config.processes().stream().map(p -> p.name() + ": " + p.coefficient()).toList(),
                config.systematics().stream().map(x -> x.name()).toList(), config.normaliseRatios());
    }
}
