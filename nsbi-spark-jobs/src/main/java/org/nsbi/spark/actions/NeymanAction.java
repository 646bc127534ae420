package org.nsbi.spark.actions;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.DoubleStream;
import org.apache.spark.sql.SparkSession;
import org.nsbi.model.UserError;
import org.nsbi.model.config.AnalysisConfig;
import org.nsbi.model.config.NeymanSettings;
import org.nsbi.model.output.GridEndpoint;
import org.nsbi.model.output.NeymanSummary;
import org.nsbi.model.output.Provenance;
import org.nsbi.model.output.RunSummary;
import org.nsbi.spark.distributed.DistributedEvents;
import org.nsbi.spark.distributed.Placement;
import org.nsbi.model.output.StageTime;
import org.nsbi.spark.io.OutputFolder;
import org.nsbi.spark.neyman.NeymanJob;
import org.nsbi.spark.neyman.ToyReference;
import org.nsbi.spark.provenance.ConfigProvenance;
import org.nsbi.spark.provenance.InputCheck;
import org.nsbi.spark.score.ScoredFolder;
import org.nsbi.stats.adaptive.AdaptiveToys;
import org.nsbi.stats.adaptive.SmoothCriticalValues;
import org.nsbi.stats.adaptive.GridRefinement;
import org.nsbi.stats.adaptive.GridStatistic;
import org.nsbi.stats.adaptive.ToySchedule;
import org.nsbi.stats.belt.Belt;
import org.nsbi.stats.fit.FitResult;
import org.nsbi.stats.fit.ProfileFitter;
import org.nsbi.stats.likelihood.AsimovWeights;
import org.nsbi.stats.likelihood.Nll;
import org.nsbi.stats.model.EventTable;
import org.nsbi.stats.model.EventTables;
import org.nsbi.stats.model.MixtureModel;
import org.nsbi.stats.toys.ToyOutcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Neyman construction from the scored reference sample of an earlier {@code score}: toys at every &mu; of the
 * config's grid, spread over the cluster as (&mu; point, block of toys) tasks. Writes {@code toys/}, belts.csv,
 * {@code belts/} and summary.json. The settings not given come from the config ({@code --toys}, {@code --seed}) or
 * from this class's defaults; with {@link #maxToys} the toys are adaptive.
 */
public final class NeymanAction extends AnalysisAction<NeymanAction> {

    private static final Logger LOG = LoggerFactory.getLogger(NeymanAction.class);

    /** Toys per Spark task, unless {@link #toysPerBlock} says otherwise. */
    public static final int TOYS_PER_BLOCK = 25;
    /** The largest fraction of a point's toys that may fail to fit, unless {@link #maxFailedFraction} says otherwise. */
    public static final double MAX_FAILED_FRACTION = 0.01;
    /** Spark partitions for the toy blocks: 0, guided (shrinking towards the end; one with a single core). */
    public static final int PARTITIONS = 0;
    /** Adaptive toys: the toys of every point's first round. */
    public static final int MIN_TOYS = 100;
    /** Adaptive toys: a point whose critical value delivers its coverage to within this stops. */
    public static final double TARGET_PRECISION = 0.005;
    /** Adaptive toys: a point stops when the data's t(&mu;) is this many standard deviations clear of t_c. */
    public static final double SIGNIF = 2;
    /** Where the reference sample is for the toys ({@link Placement}), unless {@link #placement} says otherwise. */
    public static final String PLACEMENT = Placement.AUTO;
    /** Grid refinement: the most rounds of new points. */
    public static final int MAX_REFINEMENTS = 4;

    private String scored;
    private Integer toys;
    private int toysPerBlock = TOYS_PER_BLOCK;
    private Long seed;
    private double maxFailedFraction = MAX_FAILED_FRACTION;
    private int partitions = PARTITIONS;
    private Integer maxToys;
    private int minToys = MIN_TOYS;
    private double targetPrecision = TARGET_PRECISION;
    private double signif = SIGNIF;
    private Double signifAsimov;
    private boolean smooth;
    private SmoothCriticalValues.Form smoothForm = SmoothCriticalValues.Form.LOCAL;
    private Double gridPrecision;
    private int maxRefinements = MAX_REFINEMENTS;
    private String placement = PLACEMENT;

    NeymanAction(SparkSession spark) {
        super(spark);
    }

    @Override
    protected NeymanAction self() {
        return this;
    }

    /** The output folder of {@code score} (or its {@code scored/}). */
    public NeymanAction scored(String folder) {
        this.scored = folder("--scored", folder);
        return this;
    }

    /** Toys per grid point (instead of the config's {@code neyman.toys_per_point}). */
    public NeymanAction toys(int perPoint) {
        this.toys = atLeast("--toys", perPoint, 1);
        return this;
    }

    /** Toys per Spark task. */
    public NeymanAction toysPerBlock(int perBlock) {
        this.toysPerBlock = atLeast("--toys-per-block", perBlock, 1);
        return this;
    }

    /** The run seed (instead of the config's {@code neyman.seed}). */
    public NeymanAction seed(long runSeed) {
        this.seed = runSeed;
        return this;
    }

    /** Fail the run if more than this fraction of the toys of a grid point fail to fit. */
    public NeymanAction maxFailedFraction(double fraction) {
        this.maxFailedFraction = fraction("--max-failed-fraction", fraction);
        return this;
    }

    /** Spark partitions for the toy blocks (0: guided, shrinking towards the end; one with a single core); the toys do not depend on it. */
    public NeymanAction partitions(int count) {
        this.partitions = atLeast("--partitions", count, 0);
        return this;
    }

    /** Adaptive toys: each point's toys double round by round up to this many. */
    public NeymanAction maxToys(int most) {
        this.maxToys = atLeast("--max-toys", most, 1);
        return this;
    }

    /** Adaptive toys: the toys of every point's first round. */
    public NeymanAction minToys(int least) {
        this.minToys = atLeast("--min-toys", least, 1);
        return this;
    }

    /** Adaptive toys: stop a point whose critical value delivers its coverage to within this (0: never on precision). */
    public NeymanAction targetPrecision(double precision) {
        if (!(precision >= 0 && precision < 1)) {
            throw new UserError("--target-precision = " + precision
                    + "; expected a coverage probability in [0, 1) (0: never stop on precision)");
        }
        this.targetPrecision = precision;
        return this;
    }

    /** Adaptive toys: stop a point when the data's t(&mu;) is this many standard deviations clear of t_c. */
    public NeymanAction signif(double sigmas) {
        if (!(sigmas > 0)) {
            throw new UserError("--signif = " + sigmas + "; expected a positive number of standard deviations");
        }
        this.signif = sigmas;
        return this;
    }

    /** Adaptive toys: decide on the Asimov data set at this &mu; instead of the observed data. */
    public NeymanAction signifAsimov(double mu) {
        this.signifAsimov = finite("--signif-asimov", mu);
        return this;
    }

    /**
     * Smooth critical values: t_c(&mu;) fitted across the grid at each level by quantile regression and used in the
     * belt; the fit, the per-point values and a held-out check go to critical-values.json.
     */
    public NeymanAction smoothCriticalValues(boolean on) {
        this.smooth = on;
        return this;
    }

    /**
     * The form of the smooth critical values: local (local linear quantile regression over each point and three
     * neighbours on each side, the default) or sqrt (a + b&radic;&mu; + c&middot;&mu; over every toy).
     */
    public NeymanAction smoothForm(String form) {
        try {
            this.smoothForm = SmoothCriticalValues.Form.parse(form);
        } catch (IllegalArgumentException e) {
            throw new UserError("--smooth-form: " + e.getMessage(), e);
        }
        return this;
    }

    /**
     * Where the reference sample is for the toys: single (collected and broadcast), distributed (blocks stay on the
     * executors, toys drawn block by block), or auto (by its size, {@link Placement}).
     */
    public NeymanAction placement(String where) {
        this.placement = Placement.check(where);
        return this;
    }

    /**
     * Grid refinement: add the mid-points of the grid points around each endpoint of the interval (of the observed data,
     * or the Asimov data at {@link #signifAsimov}) until the grid spacing moves no endpoint by more than this
     * ({@link GridRefinement}).
     */
    public NeymanAction gridPrecision(double distance) {
        if (!(distance > 0)) {
            throw new UserError("--grid-precision = " + distance + "; expected a positive distance in mu");
        }
        this.gridPrecision = distance;
        return this;
    }

    /** Grid refinement: the most rounds of new points. */
    public NeymanAction maxRefinements(int rounds) {
        this.maxRefinements = atLeast("--max-refinements", rounds, 0);
        return this;
    }

    @Override
    protected boolean extendable() {
        return true;
    }

    /** The belt of a Neyman construction, its toys and its summary. */
    public record Construction(Belt belt, List<ToyOutcome> outcomes, NeymanSummary summary, List<StageTime> stages) {
    }

    /** What {@link #execute()} wrote: summary.json's record, and the belt and toys it was built from. */
    public record Result(RunSummary summary, Belt belt, List<ToyOutcome> outcomes) {
    }

    /** Runs the construction into the output folder. */
    public Result execute() {
        AnalysisConfig analysis = analysis();
        MixtureModel model = model();
        checkOutput();
        checkTogether(analysis, model);
        if (scored == null) {
            throw new UserError("no scored folder; expected --scored DIR (the output of 'nsbi score')");
        }
        InputCheck check = new InputCheck(hadoop());
        String scoredDir = check.scoredFolder(scored);
        InputCheck.Input scores = check.read(scoredDir, "scored");
        Provenance made = ConfigProvenance.of(analysis, hadoop());
        check.sameScoring(scores, made);
        Provenance provenance = made.withInput("scored", scores.markerSha256());
        Construction[] made1 = new Construction[1];
        RunSummary summary = write("summary.json", out -> {
            out.mark(ConfigProvenance.marker("neyman", provenance));
            made1[0] = stage(out, scoredDir);
            return new RunSummary(RunInfos.of(spark, "neyman", analysis), scoredDir, null, made1[0].summary(), null, null,
                    provenance, made1[0].stages(), 0);
        }, out -> { });
        return new Result(summary, made1[0].belt(), made1[0].outcomes());
    }

    /**
     * The settings that are checked together, against each other and the config, before any data is read: the
     * adaptive toys' bounds, and {@code --signif-asimov} (only with adaptive toys, inside the poi's range).
     */
    void checkTogether(AnalysisConfig analysis, MixtureModel model) {
        if (maxToys != null) {
            adaptive(analysis, List.of());
        }
        if (signifAsimov != null) {
            if (maxToys == null && gridPrecision == null) {
                throw new UserError("--signif-asimov " + signifAsimov + " without --max-toys or --grid-precision; expected"
                        + " it only with adaptive toys or grid refinement, which it makes decide on the Asimov data set");
            }
            if (signifAsimov < model.muMin() || signifAsimov > model.muMax()) {
                throw new UserError("--signif-asimov = " + signifAsimov + "; expected a mu inside the poi range ["
                        + model.muMin() + ", " + model.muMax() + "] of " + model.poi());
            }
        }
    }

    private AdaptiveToys adaptive(AnalysisConfig analysis, List<double[]> observedT) {
        try {
            return new AdaptiveToys(minToys, maxToys, targetPrecision, signif, analysis.neyman().confidenceLevels(),
                    observedT, smooth ? smoothForm : null);
        } catch (IllegalArgumentException e) { // names the option and what was expected
            throw new UserError(e.getMessage(), e);
        }
    }

    /**
     * The construction into an open output folder, which the caller commits: the stage of {@code execute()} and of
     * the whole chain ({@code run}), which scores into the same folder first.
     *
     * @param scoredDir the folder holding scored.json and scored/
     */
    public Construction stage(OutputFolder out, String scoredDir) {
        AnalysisConfig config = analysis();
        checkTogether(config, model());
        NeymanSettings ns = config.neyman();
        double[] grid = ns.muGrid().stream().mapToDouble(Double::doubleValue).toArray();
        StageTime.Clock clock = new StageTime.Clock();
        ScoredFolder unshaped = ScoredFolder.of(spark, scoredDir, config, model());
        Placement where = Placement.choose(placement, unshaped.events(false), EventTables.empty(model()).stride(),
                spark.sparkContext());
        if (!where.single() && model().needsReference()) {
            throw new UserError("--placement " + placement + " keeps the reference sample on the executors ("
                    + where.reason() + "), but shape_normalisation: per_event in " + config.file() + " needs it whole"
                    + " in one JVM; expected --placement single (with a driver heap of at least 8x its rows) or no"
                    + " per_event shape normalisation");
        }
        EventTable table = where.single() ? unshaped.reference() : null;
        clock.end(StageTime.Stage.LOAD);
        MixtureModel model = table == null ? model() : model().withShapeNormalisationFrom(table);
        ScoredFolder scores = ScoredFolder.of(spark, scoredDir, config, model);
        Nll observed = ns.nuisanceTruth() == NeymanSettings.NuisanceTruth.PROFILED ? scores.observedNll() : null;
        int perPoint = toys != null ? toys : ns.toysPerPoint();
        boolean decides = maxToys != null || gridPrecision != null;
        try (DistributedEvents blocks = where.single() ? null
                : DistributedEvents.scored(spark, scores.table(false), scores.features(), model, scores.ratioScale());
             DistributedEvents.Asimov asimovBlocks = blocks == null || !decides || signifAsimov == null ? null
                     : blocks.asimov(signifAsimov, new double[model.nuisanceCount()])) {
            ToyReference reference = where.single() ? ToyReference.whole(table, where) : ToyReference.distributed(blocks, where);
            Nll decided = !decides ? null : signifAsimov == null ? scores.observedNll()
                    : table != null ? asimovNll(model, table, signifAsimov) : asimovBlocks.nll().nll();
            String data = signifAsimov == null ? "observed" : "asimov at mu = " + signifAsimov;
            long computed = 0;
            double seconds = 0;
            List<GridEndpoint> endpoints = null;
            List<StageTime> stages = new ArrayList<>(clock.times()); // each refinement's toy stages follow the load
            for (int refinement = 0; ; refinement++) {
                NeymanJob.Settings settings = new NeymanJob.Settings(grid, perPoint, toysPerBlock, ns.confidenceLevels(),
                        seed != null ? seed : ns.seed(), alphaTrue(ns.nuisanceTruth(), grid, model, observed),
                        maxFailedFraction, partitions);
                double[] t = decided == null ? null : GridStatistic.at(decided, settings.muGrid(), data);
                ToySchedule schedule = maxToys == null ? ToySchedule.uniform(perPoint) : adaptive(config, List.of(t));
                NeymanJob.Result r = NeymanJob.run(spark, model, reference, settings, schedule, smooth ? smoothForm : null, out);
                computed += r.toysComputed();
                stages.addAll(r.stages());
                seconds += r.toySeconds();
                double[] added = new double[0];
                if (gridPrecision != null) {
                    endpoints = new ArrayList<>();
                    for (GridRefinement.Endpoint e : GridRefinement.endpoints(settings.muGrid(), t, r.belt())) {
                        endpoints.add(new GridEndpoint(e.cl(), e.mu(), e.a(), e.b(), e.uncertainty()));
                    }
                    added = GridRefinement.refine(settings.muGrid(), t, r.belt(), gridPrecision);
                    if (added.length > 0 && refinement == maxRefinements) {
                        LOG.warn("after {} grid refinements an endpoint is still less precise than --grid-precision {} ({});"
                                + " raise --max-refinements", refinement, gridPrecision, endpoints);
                        added = new double[0];
                    }
                }
                if (added.length == 0) {
                    return new Construction(r.belt(), r.outcomes(), new NeymanSummary(settings.muGrid(), perPoint,
                            toysPerBlock, ns.confidenceLevels(), settings.seed(),
                            ns.nuisanceTruth().name().toLowerCase(Locale.ROOT), reference.events(), r.toys(), seconds, computed,
                            computed / seconds, r.asimovClosure(), r.failedFits(),
                            r.smooth() != null ? NeymanSummary.SMOOTH : NeymanSummary.ORDER_STATISTIC, endpoints,
                            where.record()), stages);
                }
                LOG.info("grid refinement {}: adding mu = {} between the grid points around endpoints less precise than {}",
                        refinement + 1, Arrays.toString(added), gridPrecision);
                out.discard("toys");
                out.discard("belts");
                grid = DoubleStream.concat(Arrays.stream(settings.muGrid()), Arrays.stream(added)).sorted().toArray();
            }
        }
    }

    /** The NLL of the Asimov data set at {@code mu} (nominal nuisance parameters) of a reference sample held here. */
    private static Nll asimovNll(MixtureModel model, EventTable reference, double mu) {
        double[] alpha = new double[model.nuisanceCount()];
        AsimovWeights a = AsimovWeights.compute(model, reference, mu, alpha);
        return Nll.of(model, reference, a.weights(), alpha);
    }

    /**
     * The true nuisance parameters of the toys (or experiments) at each &mu;: 0 (nominal), or &alpha;&#770;&#770;(&mu;)
     * from the conditional fit of the observed data (profiled).
     */
    public static double[][] alphaTrue(NeymanSettings.NuisanceTruth truth, double[] grid, MixtureModel model, Nll observed) {
        double[][] alpha = new double[grid.length][model.nuisanceCount()];
        if (truth == NeymanSettings.NuisanceTruth.PROFILED) {
            ProfileFitter fitter = ProfileFitter.withDefaults();
            for (int m = 0; m < grid.length; m++) {
                FitResult f = fitter.conditional(observed, grid[m]);
                if (!f.converged()) {
                    throw new IllegalStateException("profiling the nuisance parameters on the observed data at mu = "
                            + grid[m] + " failed: " + f.message());
                }
                alpha[m] = f.alpha();
            }
        }
        return alpha;
    }
}
