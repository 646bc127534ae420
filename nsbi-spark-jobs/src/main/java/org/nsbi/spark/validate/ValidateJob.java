package org.nsbi.spark.validate;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.nsbi.model.config.AnalysisConfig;
import org.nsbi.spark.io.Json;
import org.nsbi.spark.io.OutputFolder;
import org.nsbi.spark.progress.ProgressLine;

/**
 * Validates every ratio of a plan and writes {@code validation.json} and {@code plots/*.png} into the output
 * folder. Per ratio r = p_num / p_den (see {@link ValidationPlan}), with both samples scored on Spark
 * ({@link SampleScorer}) and the statistics computed on the driver:
 * <ul>
 *   <li>closure: &Sigma; &#375; r over the denominator sample, with its Monte Carlo error ({@link Closure});</li>
 *   <li>calibration: numerator over denominator histograms in bins of r, against the mean r ({@link Calibration});</li>
 *   <li>the reweighting test: AUC of an independent classifier, numerator against denominator reweighted by r
 *       ({@link ReweightingAuc});</li>
 *   <li>the ensemble's per-event spread over the denominator sample ({@link EnsembleSpread});</li>
 *   <li>against truth, for the off-shell toy: |log r &minus; log r_exact| over the denominator sample
 *       ({@link LogRatioError}), for the ensemble and for each member, and the exact ratio's closure on the same
 *       events.</li>
 * </ul>
 */
public final class ValidateJob {

    private static final int HISTOGRAM_BINS = 60;

    /**
     * The job's settings.
     *
     * @param calibrationBins bins of the calibration histograms, &ge; 1
     * @param blockSize       events per block
     * @param auc             the classifier's settings, or null to skip the reweighting test
     */
    public record Settings(int calibrationBins, int blockSize, ReweightingAuc.Settings auc) {
        public Settings {
            if (calibrationBins < 1) {
                throw new IllegalArgumentException("--calibration-bins = " + calibrationBins + "; expected >= 1");
            }
            if (blockSize < 1) {
                throw new IllegalArgumentException("--block-size = " + blockSize + "; expected >= 1");
            }
        }
    }

    private ValidateJob() {
    }

    /** Runs the validation into {@code out} (validation.json, plots/) and returns the content of validation.json. */
    public static Map<String, Object> run(SparkSession spark, AnalysisConfig config, ValidationPlan plan,
                                          Settings settings, OutputFolder out) {
        long start = System.nanoTime();
        ProgressLine progress = ProgressLine.onStderr("validate", "ratios", plan.targets().size());
        Map<String, Object> ratios = new LinkedHashMap<>();
        List<String> names = new ArrayList<>();
        List<Double> closure = new ArrayList<>();
        List<Double> closureError = new ArrayList<>();
        List<Double> auc = new ArrayList<>();
        List<Double> aucError = new ArrayList<>();
        for (ValidationTarget t : plan.targets()) {
            Map<String, Object> r = validate(spark, config, t, settings, out);
            ratios.put(t.name(), r);
            names.add(t.name());
            @SuppressWarnings("unchecked")
            Map<String, Object> c = (Map<String, Object>) r.get("closure");
            closure.add((Double) c.get("value") - 1);
            closureError.add((Double) c.get("mc_error"));
            @SuppressWarnings("unchecked")
            Map<String, Object> a = (Map<String, Object>) r.get("reweighting_auc");
            if (a != null) {
                auc.add((Double) a.get("auc") - 0.5);
                aucError.add((Double) a.get("null_sigma"));
            }
            progress.advance(1);
        }
        if (!names.isEmpty()) {
            out.writeBytes("plots/closure.png", ValidationPlots.perRatio("closure: sum of w r over the denominator "
                    + "sample, minus 1 (error: Monte Carlo)", "closure - 1", names, closure, closureError));
            if (!auc.isEmpty()) {
                out.writeBytes("plots/reweighting_auc.png", ValidationPlots.perRatio("reweighting test: classifier "
                        + "AUC - 0.5 (error: its spread for a right ratio)", "AUC - 0.5", names, auc, aucError));
            }
        }
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("config", config.file());
        summary.put("samples", plan.sampled());
        summary.put("truth", plan.truth() == null ? "off-shell toy exact ratios (shared/spec/offshell-toy.md)"
                : "none: " + plan.truth());
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("calibration_bins", settings.calibrationBins());
        s.put("block_size", settings.blockSize());
        if (settings.auc() != null) {
            s.put("classifier", "Spark MLlib RandomForestClassifier, " + settings.auc().trees() + " trees, depth "
                    + settings.auc().depth() + ", train fraction " + settings.auc().trainFraction());
            s.put("seed", settings.auc().seed());
        }
        summary.put("settings", s);
        summary.put("ratios", ratios);
        summary.put("seconds", (System.nanoTime() - start) / 1e9);
        out.writeText("validation.json", Json.write(summary));
        return summary;
    }

    private static Map<String, Object> validate(SparkSession spark, AnalysisConfig config, ValidationTarget t,
                                                Settings settings, OutputFolder out) {
        long start = System.nanoTime();
        ScoredSample den = SampleScorer.score(spark, t.denominatorName(), t.denominator(), config.features(),
                t.ratio(), settings.blockSize());
        ScoredSample num = SampleScorer.score(spark, t.numeratorName(), t.numerator(), config.features(), t.ratio(),
                settings.blockSize());
        String file = t.name();
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("estimates", t.estimates());
        r.put("numerator_sample", t.numeratorName());
        r.put("numerator_events", num.size());
        r.put("denominator_sample", t.denominatorName());
        r.put("denominator_events", den.size());
        r.put("members", den.members().length);

        Closure c = Closure.of(den.weights(), den.ratio());
        Map<String, Object> closure = new LinkedHashMap<>();
        closure.put("value", c.value());
        closure.put("mc_error", c.mcError());
        closure.put("pull", c.pull());
        if (den.exact() != null) {
            closure.put("exact_ratio_same_events", Closure.of(den.weights(), den.exact()).value());
        }
        r.put("closure", closure);

        Calibration cal = Calibration.of(num.weights(), num.ratio(), den.weights(), den.ratio(),
                settings.calibrationBins());
        Map<String, Object> calibration = new LinkedHashMap<>();
        calibration.put("chi2", cal.chi2());
        calibration.put("bins", cal.filledBins());
        calibration.put("max_relative_deviation", cal.maxRelativeDeviation());
        calibration.put("edges", cal.edges());
        calibration.put("mean_predicted_ratio", cal.predicted());
        calibration.put("histogram_ratio", cal.observed());
        calibration.put("histogram_ratio_error", cal.error());
        r.put("calibration", calibration);
        out.writeBytes("plots/calibration_" + file + ".png", ValidationPlots.calibration(t.name(), cal));

        if (settings.auc() != null) {
            double[] reweighted = new double[den.size()];
            for (int i = 0; i < reweighted.length; i++) {
                reweighted[i] = den.weights()[i] * den.ratio()[i];
            }
            ReweightingAuc.Result a = ReweightingAuc.run(spark, num.features(), num.weights(), den.features(),
                    reweighted, t.name(), settings.auc());
            Map<String, Object> auc = new LinkedHashMap<>();
            auc.put("auc", a.auc());
            auc.put("null_sigma", a.nullSigma());
            auc.put("significance", a.significance());
            auc.put("train_events", a.trainEvents());
            auc.put("test_events", a.testEvents());
            auc.put("test_numerator_effective_events", a.numeratorNeff());
            auc.put("test_denominator_effective_events", a.denominatorNeff());
            r.put("reweighting_auc", auc);
        }

        if (den.members().length >= 2) {
            double[] spread = EnsembleSpread.perEvent(den.members());
            EnsembleSpread e = EnsembleSpread.summarise(den.members().length, spread, den.weights());
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("measure", "per-event std of the members' ratios / their mean, over the denominator sample");
            m.put("mean", e.mean());
            m.put("median", e.median());
            m.put("p90", e.p90());
            m.put("p99", e.p99());
            r.put("ensemble_spread", m);
            out.writeBytes("plots/spread_" + file + ".png", ValidationPlots.histogram(t.name()
                    + ": ensemble spread (std / mean of the " + e.members() + " members' ratios)", "relative spread",
                    spread, den.weights(), HISTOGRAM_BINS));
        }

        if (den.exact() != null) {
            LogRatioError e = LogRatioError.of(den.ratio(), den.exact(), den.weights());
            Map<String, Object> truth = new LinkedHashMap<>();
            truth.put("exact", t.ratio().exact());
            truth.put("mean_abs_log_ratio_error", e.meanAbs());
            truth.put("p99_abs_log_ratio_error", e.p99Abs());
            truth.put("mean_log_ratio_error", e.mean());
            truth.put("rms_log_ratio_error", e.rms());
            truth.put("mean_abs_log_ratio_exact", LogRatioError.of(den.exact(), ones(den.size()), den.weights())
                    .meanAbs());
            if (den.members().length >= 2) {
                List<Map<String, Double>> members = new ArrayList<>();
                for (double[] member : den.members()) {
                    LogRatioError m = LogRatioError.of(member, den.exact(), den.weights());
                    members.add(Map.of("mean_abs_log_ratio_error", m.meanAbs(), "p99_abs_log_ratio_error", m.p99Abs()));
                }
                truth.put("members", members);
            }
            r.put("truth", truth);
            out.writeBytes("plots/dlogr_" + file + ".png", ValidationPlots.histogram(String.format(Locale.ROOT,
                    "%s: log r - log r_exact (mean |.| = %.4f, 99%% of |.| < %.4f)", t.name(), e.meanAbs(), e.p99Abs()),
                    "log r - log r_exact", LogRatioError.perEvent(den.ratio(), den.exact()), den.weights(),
                    HISTOGRAM_BINS));
        }
        r.put("seconds", (System.nanoTime() - start) / 1e9);
        return r;
    }

    private static double[] ones(int n) {
        double[] one = new double[n];
        java.util.Arrays.fill(one, 1.0);
        return one;
    }
}
