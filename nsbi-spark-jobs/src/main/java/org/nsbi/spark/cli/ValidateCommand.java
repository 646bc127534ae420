package org.nsbi.spark.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.nsbi.spark.actions.NsbiActions;
import org.nsbi.spark.actions.ValidateAction;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "validate", mixinStandardHelpOptions = true,
        header = "Checks the analysis's ratios on samples of their numerators and denominators.",
        description = "Validates the analysis's ratios (networks or exact) on samples of their numerator and "
                + "denominator: closure, calibration, the reweighting classifier test (AUC), the ensemble's spread "
                + "and, for the off-shell toy, the error against the exact ratios. Writes DIR/validation.json and "
                + "DIR/plots/*.png. Numerator samples: --sample, or drawn by the off-shell toy simulator when the "
                + "analysis is the toy.")
public final class ValidateCommand implements Callable<Integer> {

    @Mixin
    AnalysisRunOptions run;

    @Option(names = "--sample", paramLabel = "RATIO=FILES",
            description = "Events of a ratio's numerator: r_<process> (events of p_c) or "
                    + "r_<process>__<nuisance>__up|down (events of p_c at alpha = +-1); FILES: comma-separated Parquet "
                    + "or CSV paths (any Hadoop URL) with the feature columns, and the ratio's own column when the config "
                    + "gives the ratio as a column of the data. Repeatable.")
    Map<String, String> samples = new LinkedHashMap<>();

    @Option(names = "--sample-weight", paramLabel = "COLUMN",
            description = "The per-event weight column of the --sample files (default: weight 1).")
    String sampleWeight;

    @Option(names = "--events", paramLabel = "N", description = "Events per simulated sample (off-shell toy). Default: ${DEFAULT-VALUE}.",
            defaultValue = "" + ValidateAction.EVENTS)
    long events;

    @Option(names = "--seed", paramLabel = "SEED", description = "Run seed of the simulated samples, the split and the classifier. "
            + "Default: the config's neyman seed.")
    Long seed;

    @Option(names = "--only", split = ",", paramLabel = "RATIO",
            description = "Validate only these ratios (comma-separated column names, e.g. r_S,r_NI__ni_shape__up).")
    List<String> only = List.of();

    @Option(names = "--calibration-bins", paramLabel = "N", defaultValue = "" + ValidateAction.CALIBRATION_BINS,
            description = "Bins of the calibration histograms (quantiles of the ratio). Default: ${DEFAULT-VALUE}.")
    int calibrationBins;

    @Option(names = "--trees", paramLabel = "N", defaultValue = "" + ValidateAction.TREES, description = "Trees of the reweighting classifier. Default: ${DEFAULT-VALUE}.")
    int trees;

    @Option(names = "--depth", paramLabel = "N", defaultValue = "" + ValidateAction.DEPTH, description = "Depth of its trees. Default: ${DEFAULT-VALUE}.")
    int depth;

    @Option(names = "--no-auc", description = "Skip the reweighting classifier test.")
    boolean noAuc;

    @Option(names = "--block-size", paramLabel = "N", description = "Events per block. Default: ${DEFAULT-VALUE}.", defaultValue = "" + ValidateAction.BLOCK_SIZE)
    int blockSize;

    @Override
    public Integer call() {
        ValidateAction action = run.applyTo(NsbiActions.get(run.sessionWithMlFunctions("validate")).validate()).sampleWeight(sampleWeight)
                .events(events).only(only).calibrationBins(calibrationBins).trees(trees).depth(depth).auc(!noAuc)
                .blockSize(blockSize);
        samples.forEach(action::sample);
        if (seed != null) {
            action.seed(seed);
        }
        action.execute();
        run.output.wrote(action);
        return 0;
    }
}
