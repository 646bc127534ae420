package org.nsbi.spark.cli;

import picocli.CommandLine.Option;

/** Options of the Neyman construction that override the config for one run. */
public final class NeymanOptions {

    @Option(names = "--toys", paramLabel = "N", description = "Toys per grid point (default: the config's neyman.toys_per_point).")
    Integer toys;

    @Option(names = "--toys-per-block", paramLabel = "N", defaultValue = "25",
            description = "Toys per Spark task. Default: ${DEFAULT-VALUE}.")
    int toysPerBlock;

    @Option(names = "--seed", description = "Run seed (default: the config's neyman.seed).")
    Long seed;

    @Option(names = "--max-failed-fraction", defaultValue = "0.01",
            description = "Fail the run if more than this fraction of the toys of a grid point fail to fit. Default: ${DEFAULT-VALUE}.")
    double maxFailedFraction;

    @Option(names = "--partitions", defaultValue = "0",
            description = "Spark partitions for the toy blocks (0: four per core). The toys do not depend on it.")
    int partitions;

    Pipeline.NeymanOverrides overrides() {
        Pipeline.NeymanOverrides o = new Pipeline.NeymanOverrides();
        o.toysPerPoint = toys;
        o.toysPerBlock = toysPerBlock;
        o.seed = seed;
        o.maxFailedFraction = maxFailedFraction;
        o.partitions = partitions;
        return o;
    }
}
