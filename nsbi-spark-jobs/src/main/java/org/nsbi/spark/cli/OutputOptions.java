package org.nsbi.spark.cli;

import org.apache.spark.sql.SparkSession;
import org.nsbi.spark.io.OutputFolder;
import org.nsbi.spark.io.OutputFolder.ExistingPolicy;
import picocli.CommandLine.Option;

/** Where a command writes, and whether it may replace an earlier run there. */
public final class OutputOptions {

    @Option(names = "--out", required = true, paramLabel = "DIR",
            description = "Output folder (local path or any Hadoop URL). Written to a staging folder beside it and moved into place when complete.")
    String out;

    @Option(names = "--overwrite", description = "Replace an output folder that holds an earlier run.")
    boolean overwrite;

    OutputFolder open(SparkSession spark) {
        return OutputFolder.create(out, overwrite ? ExistingPolicy.OVERWRITE : ExistingPolicy.REFUSE,
                spark.sparkContext().hadoopConfiguration());
    }
}
