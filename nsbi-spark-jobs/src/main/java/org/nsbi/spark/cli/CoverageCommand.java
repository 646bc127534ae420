package org.nsbi.spark.cli;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import org.nsbi.spark.actions.CoverageAction;
import org.nsbi.spark.actions.NsbiActions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "coverage", mixinStandardHelpOptions = true,
        header = "Checks how often a run's intervals contain the true mu, with experiments drawn at known truths.",
        description = {"Checks the coverage of a run's intervals: at each mu_true, N experiments drawn",
                "at the truth (mu_true, alpha_true) are treated as observed data; the fraction",
                "whose Neyman (and Wilks) interval contains mu_true is reported per confidence",
                "level, with an error that includes the belt's own Monte Carlo noise, in",
                "DIR/coverage.json, and plotted in DIR/coverage.png and coverage.svg.",
                "The experiments come from (--experiments-from):",
                "  simulator  the off-shell toy's simulator, scored with the run's ratios",
                "             (networks or exact): a check of the analysis;",
                "  FILES      an independent weighted MC sample (not the reference; Parquet",
                "             or CSV, comma-separated paths or globs), Poisson-bootstrapped",
                "             with the run's model weights at the truth;",
                "  bootstrap  the belt's own reference sample: a closure test of the",
                "             machinery only (it covers by construction).",
                "A belt built with nuisance_truth: profiled is a belt for the observed data's",
                "alpha-hat-hat(mu): its experiments are drawn at alpha_true =",
                "alpha-hat-hat(mu_true) of the observed data, and --alpha is refused."})
public final class CoverageCommand implements Callable<Integer> {

    @Mixin
    SparkOptions spark;

    @Mixin
    OutputOptions output;

    @Option(names = "--run", required = true, paramLabel = "DIR", description = "The output folder of 'nsbi neyman', 'run' or 'demo' whose intervals to check.")
    String run;

    @Option(names = "--config", paramLabel = "FILE", description = "The analysis config (default: the one the run's summary.json names).")
    String config;

    @Option(names = "--experiments-from", required = true, paramLabel = "SOURCE",
            description = "simulator, bootstrap, or the files of an independent weighted MC sample (see above).")
    String experimentsFrom;

    @Option(names = "--weight-column", paramLabel = "COLUMN",
            description = "The per-event weight column of the independent MC files (default: weight 1).")
    String weightColumn;

    @Option(names = "--mu", paramLabel = "MU", split = ",", description = "The true mu values, anywhere in the belt's grid range"
            + " (default: the grid points and the mid-points between them).")
    double[] mus;

    @Option(names = "--alpha", split = ",", paramLabel = "NAME=VALUE",
            description = "The true nuisance parameters (default: all 0, nominal), e.g. energy_scale=1,ni_shape=-1.")
    Map<String, Double> alpha;

    @Option(names = "--experiments", paramLabel = "N", defaultValue = "" + CoverageAction.EXPERIMENTS, description = "Experiments per mu. Default: ${DEFAULT-VALUE}.")
    int experiments;

    @Option(names = "--experiments-per-block", paramLabel = "N", defaultValue = "" + CoverageAction.EXPERIMENTS_PER_BLOCK, description = "Experiments per task. Default: ${DEFAULT-VALUE}.")
    int perBlock;

    @Option(names = "--partitions", paramLabel = "N", defaultValue = "" + CoverageAction.PARTITIONS, description = "Spark partitions for the blocks (default: four per core); the result does not depend on it.")
    int partitions;

    @Option(names = "--seed", paramLabel = "SEED", description = "Run seed of the experiments (default: the run's). Their streams are apart from the toys' either way.")
    Long seed;

    @Override
    public Integer call() {
        CoverageAction action = output.applyTo(NsbiActions.get(spark.session("nsbi coverage")).coverage()).run(run)
                .experimentsFrom(experimentsFrom).experiments(experiments).experimentsPerBlock(perBlock)
                .partitions(partitions).weightColumn(weightColumn);
        if (config != null) {
            action.config(Path.of(config));
        }
        if (mus != null) {
            action.mu(mus);
        }
        if (alpha != null) {
            action.alpha(alpha);
        }
        if (seed != null) {
            action.seed(seed);
        }
        action.execute();
        output.wrote(action);
        return 0;
    }
}
