package org.nsbi.spark.actions;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.nsbi.model.UserError;
import org.nsbi.model.config.AnalysisConfig;
import org.nsbi.model.config.EventSource;
import org.nsbi.model.output.ValidationSummary;
import org.nsbi.model.validate.ValidationPlan;
import org.nsbi.spark.validate.ReweightingAuc;
import org.nsbi.spark.validate.ValidateJob;

/**
 * Checks each trained ratio against samples of its numerator and denominator: closure, calibration, the reweighting
 * classifier test (AUC), the ensemble's spread and, for the off-shell toy, the error against the exact ratios. Writes
 * validation.json and plots/. Numerator samples are given ({@link #sample}) or drawn by the off-shell toy's simulator.
 */
public final class ValidateAction extends AnalysisAction<ValidateAction> {

    /** Events per simulated sample (off-shell toy), unless {@link #events} says otherwise. */
    public static final long EVENTS = 100_000;
    /** Bins of the calibration histograms. */
    public static final int CALIBRATION_BINS = 20;
    /** Trees of the reweighting classifier. */
    public static final int TREES = 30;
    /** Depth of its trees. */
    public static final int DEPTH = 6;
    /** The fraction of the events the reweighting classifier is trained on. */
    public static final double TRAIN_FRACTION = 0.5;
    /** Events per block. */
    public static final int BLOCK_SIZE = ScoreAction.BLOCK_SIZE;

    private final Map<String, String> samples = new LinkedHashMap<>();
    private String sampleWeight;
    private long events = EVENTS;
    private Long seed;
    private List<String> only = List.of();
    private int calibrationBins = CALIBRATION_BINS;
    private int trees = TREES;
    private int depth = DEPTH;
    private boolean auc = true;
    private int blockSize = BLOCK_SIZE;

    ValidateAction(SparkSession spark) {
        super(spark);
    }

    @Override
    protected ValidateAction self() {
        return this;
    }

    /** Events of a ratio's numerator: {@code files} (comma-separated Parquet or CSV paths) for the ratio column. */
    public ValidateAction sample(String ratio, String files) {
        if (files == null || files.isBlank()) {
            throw new UserError("--sample " + ratio + "=: expected comma-separated Parquet or CSV paths");
        }
        samples.put(ratio, files);
        return this;
    }

    /** The per-event weight column of the samples' files (default: weight 1). */
    public ValidateAction sampleWeight(String column) {
        this.sampleWeight = column;
        return this;
    }

    /** Events per simulated sample (off-shell toy). */
    public ValidateAction events(long perSample) {
        this.events = atLeast("--events", perSample, 1L);
        return this;
    }

    /** The run seed of the simulated samples, the split and the classifier (default: the config's neyman seed). */
    public ValidateAction seed(long runSeed) {
        this.seed = runSeed;
        return this;
    }

    /** Validate only these ratio columns. */
    public ValidateAction only(List<String> ratios) {
        this.only = List.copyOf(ratios);
        return this;
    }

    /** Bins of the calibration histograms (quantiles of the ratio). */
    public ValidateAction calibrationBins(int bins) {
        this.calibrationBins = atLeast("--calibration-bins", bins, 1);
        return this;
    }

    /** Trees of the reweighting classifier. */
    public ValidateAction trees(int count) {
        this.trees = atLeast("--trees", count, 1);
        return this;
    }

    /** Depth of its trees. */
    public ValidateAction depth(int levels) {
        this.depth = atLeast("--depth", levels, 1);
        return this;
    }

    /** Whether to run the reweighting classifier test. */
    public ValidateAction auc(boolean on) {
        this.auc = on;
        return this;
    }

    /** Events per block. */
    public ValidateAction blockSize(int eventsPerBlock) {
        this.blockSize = atLeast("--block-size", eventsPerBlock, 1);
        return this;
    }

    /** Plans the checks (refusing a sample or ratio the config does not have), then runs them; returns validation.json. */
    public ValidationSummary execute() {
        AnalysisConfig analysis = analysis();
        checkOutput();
        long runSeed = seed != null ? seed : analysis.neyman().seed();
        ValidateJob.Settings settings = new ValidateJob.Settings(calibrationBins, blockSize,
                auc ? new ReweightingAuc.Settings(trees, depth, TRAIN_FRACTION, runSeed) : null);
        ValidationPlan plan = ValidationPlan.of(analysis, userSamples(), new ValidationPlan.ToyDraws(events, runSeed),
                new LinkedHashSet<>(only), files());
        return into(out -> ValidateJob.run(spark, analysis, plan, settings, out));
    }

    private Map<String, EventSource> userSamples() {
        Map<String, EventSource> out = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : samples.entrySet()) {
            List<String> paths = List.of(e.getValue().split(","));
            boolean csv = paths.stream().allMatch(p -> p.toLowerCase(Locale.ROOT).endsWith(".csv"));
            out.put(e.getKey(), new EventSource.Files(e.getKey(), paths,
                    csv ? EventSource.Format.CSV : EventSource.Format.PARQUET, sampleWeight));
        }
        return out;
    }
}
