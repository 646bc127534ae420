package org.nsbi.spark.cli;

import org.nsbi.spark.actions.NeymanAction;
import picocli.CommandLine.Option;

/** Options of the Neyman construction that override the config for one run; the defaults are the action's. */
public final class NeymanOptions {

    @Option(names = "--toys", paramLabel = "N", description = "Toys per grid point (default: the config's neyman.toys_per_point).")
    Integer toys;

    @Option(names = "--toys-per-block", paramLabel = "N", defaultValue = "" + NeymanAction.TOYS_PER_BLOCK,
            description = "Toys per Spark task. Default: ${DEFAULT-VALUE}.")
    int toysPerBlock;

    @Option(names = "--seed", paramLabel = "SEED", description = "Run seed (default: the config's neyman.seed).")
    Long seed;

    @Option(names = "--max-failed-fraction", paramLabel = "FRACTION", defaultValue = "" + NeymanAction.MAX_FAILED_FRACTION,
            description = "Fail the run if more than this fraction of the toys of a grid point fail to fit. Default: ${DEFAULT-VALUE}.")
    double maxFailedFraction;

    @Option(names = "--partitions", paramLabel = "N", defaultValue = "" + NeymanAction.PARTITIONS,
            description = "Spark partitions for the toy blocks (0: guided, each 1/(2 x cores) of the blocks left, so the cores end together; one with a single core). The toys do not depend on it.")
    int partitions;

    @Option(names = "--max-toys", paramLabel = "N",
            description = {"Adaptive toys: each grid point starts with --min-toys and doubles its toys round by round, up to N,",
                    "until its critical value is precise (--target-precision) or the data's t(mu) is clear of it (--signif).",
                    "Without it, every point gets --toys."})
    Integer maxToys;

    @Option(names = "--min-toys", paramLabel = "N", defaultValue = "" + NeymanAction.MIN_TOYS,
            description = "Adaptive toys: the toys of every point's first round. Default: ${DEFAULT-VALUE}.")
    int minToys;

    @Option(names = "--target-precision", paramLabel = "P", defaultValue = "" + NeymanAction.TARGET_PRECISION,
            description = {"Adaptive toys: a point whose critical value delivers its coverage to within P (one standard",
                    "deviation, in coverage probability) stops; 0: never on precision. Default: ${DEFAULT-VALUE}."})
    double targetPrecision;

    @Option(names = "--signif", paramLabel = "S", defaultValue = "" + NeymanAction.SIGNIF,
            description = {"Adaptive toys: a point stops when the data's t(mu) lies outside the order-statistic band of",
                    "t_c at S standard deviations at every level (in or out of the interval is certain). Default: ${DEFAULT-VALUE}."})
    double signif;

    @Option(names = "--signif-asimov", paramLabel = "MU",
            description = "Adaptive toys: decide on the Asimov data set at MU (its own run) instead of the observed data.")
    Double signifAsimov;

    @Option(names = "--placement", paramLabel = "WHERE", defaultValue = NeymanAction.PLACEMENT,
            description = {"Where the reference sample is kept for the toys: single (collected and broadcast to every executor),",
                    "distributed (blocks stay on the executors; each toy is drawn block by block and assembled by a shuffle),",
                    "or auto: single while its rows take at most 1/8 of the smaller of the driver's and an executor's heap.",
                    "The two draw different toys from the same distribution. Default: ${DEFAULT-VALUE}."})
    String placement;

    @Option(names = "--smooth-critical-values",
            description = {"Fit t_c(mu) across the grid at each level by quantile regression (--smooth-form) and use it in the",
                    "belt; the fit, the per-point values and a held-out check go to critical-values.json."})
    boolean smooth;

    @Option(names = "--smooth-form", paramLabel = "FORM", defaultValue = "local",
            description = {"The form of --smooth-critical-values: local (at each grid point a local linear fit over it and three",
                    "neighbours on each side, weights 1, 3/4, 1/2, 1/4) or sqrt (a + b*sqrt(mu) + c*mu over every toy).",
                    "Default: ${DEFAULT-VALUE}."})
    String smoothForm;

    @Option(names = "--grid-precision", paramLabel = "D",
            description = {"Grid refinement: add mid-points between the grid points around an endpoint of the interval (of the",
                    "observed data, or the Asimov data at --signif-asimov) until the grid spacing moves no endpoint by more",
                    "than D in mu; the new points get toys of their own, the others keep theirs."})
    Double gridPrecision;

    @Option(names = "--max-refinements", paramLabel = "N", defaultValue = "" + NeymanAction.MAX_REFINEMENTS,
            description = "Grid refinement: the most rounds of new points. Default: ${DEFAULT-VALUE}.")
    int maxRefinements;

    /** Sets these options on the action; each is checked as it is set. */
    void applyTo(NeymanAction a) {
        if (toys != null) {
            a.toys(toys);
        }
        if (seed != null) {
            a.seed(seed);
        }
        if (maxToys != null) {
            a.maxToys(maxToys);
        }
        if (signifAsimov != null) {
            a.signifAsimov(signifAsimov);
        }
        if (gridPrecision != null) {
            a.gridPrecision(gridPrecision);
        }
        a.toysPerBlock(toysPerBlock).maxFailedFraction(maxFailedFraction).partitions(partitions).minToys(minToys)
                .targetPrecision(targetPrecision).signif(signif).smoothCriticalValues(smooth).smoothForm(smoothForm)
                .maxRefinements(maxRefinements).placement(placement);
    }
}
