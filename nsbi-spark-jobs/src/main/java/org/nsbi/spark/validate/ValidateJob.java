package org.nsbi.spark.validate;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.nsbi.model.UserError;
import org.nsbi.model.config.AnalysisConfig;
import org.nsbi.model.output.Json;
import org.nsbi.model.output.ValidationSummary;
import org.nsbi.model.progress.ProgressLine;
import org.nsbi.model.report.ValidationPlots;
import org.nsbi.model.validate.ScoredSample;
import org.nsbi.model.validate.ValidationPlan;
import org.nsbi.model.validate.ValidationTarget;
import org.nsbi.spark.io.OutputFolder;
import org.nsbi.stats.validate.Calibration;
import org.nsbi.stats.validate.Closure;
import org.nsbi.stats.validate.EnsembleSpread;
import org.nsbi.stats.validate.LogRatioError;

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
                throw new UserError("--calibration-bins = " + calibrationBins + "; expected >= 1");
            }
            if (blockSize < 1) {
                throw new UserError("--block-size = " + blockSize + "; expected >= 1");
            }
        }
    }

    private ValidateJob() {
    }

    /** Runs the validation into {@code out} (validation.json, plots/) and returns the content of validation.json. */
    public static ValidationSummary run(SparkSession spark, AnalysisConfig config, ValidationPlan plan,
                                        Settings settings, OutputFolder out) {
        long start = System.nanoTime();
        ProgressLine progress = ProgressLine.onStderr("validate", "ratios", plan.targets().size());
        Map<String, ValidationSummary.Ratio> ratios = new LinkedHashMap<>();
        List<String> names = new ArrayList<>();
        List<Double> closure = new ArrayList<>();
        List<Double> closureError = new ArrayList<>();
        List<Double> auc = new ArrayList<>();
        List<Double> aucError = new ArrayList<>();
        for (ValidationTarget t : plan.targets()) {
            ValidationSummary.Ratio r = validate(spark, config, t, settings, out);
            ratios.put(t.name(), r);
            names.add(t.name());
            closure.add(r.closure().value() - 1);
            closureError.add(r.closure().mcError());
            if (r.reweightingAuc() != null) {
                auc.add(r.reweightingAuc().auc() - 0.5);
                aucError.add(r.reweightingAuc().nullSigma());
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
        ReweightingAuc.Settings a = settings.auc();
        ValidationSummary summary = new ValidationSummary(config.file(), plan.sampled(),
                plan.truth() == null ? "off-shell toy exact ratios (shared/spec/offshell-toy.md)" : "none: " + plan.truth(),
                new ValidationSummary.Settings(settings.calibrationBins(), settings.blockSize(),
                        a == null ? null : "Spark MLlib RandomForestClassifier, " + a.trees() + " trees, depth "
                                + a.depth() + ", train fraction " + a.trainFraction(),
                        a == null ? null : a.seed()),
                ratios, (System.nanoTime() - start) / 1e9);
        out.writeText("validation.json", Json.write(summary));
        return summary;
    }

    private static ValidationSummary.Ratio validate(SparkSession spark, AnalysisConfig config, ValidationTarget t,
                                                    Settings settings, OutputFolder out) {
        long start = System.nanoTime();
        ScoredSample den = SampleScorer.score(spark, t.denominatorName(), t.denominator(), config.features(),
                t.ratio(), settings.blockSize());
        ScoredSample num = SampleScorer.score(spark, t.numeratorName(), t.numerator(), config.features(), t.ratio(),
                settings.blockSize());
        String file = t.name();

        Closure c = Closure.of(den.weights(), den.ratio());
        ValidationSummary.Closure closure = new ValidationSummary.Closure(c.value(), c.mcError(), c.pull(),
                den.exact() == null ? null : Closure.of(den.weights(), den.exact()).value());

        Calibration cal = Calibration.of(num.weights(), num.ratio(), den.weights(), den.ratio(),
                settings.calibrationBins());
        ValidationSummary.Calibration calibration = new ValidationSummary.Calibration(cal.chi2(), cal.filledBins(),
                cal.maxRelativeDeviation(), cal.edges(), cal.predicted(), cal.observed(), cal.error());
        out.writeBytes("plots/calibration_" + file + ".png", ValidationPlots.calibration(t.name(), cal));

        ValidationSummary.ReweightingAuc auc = null;
        if (settings.auc() != null) {
            double[] reweighted = new double[den.size()];
            for (int i = 0; i < reweighted.length; i++) {
                reweighted[i] = den.weights()[i] * den.ratio()[i];
            }
            ReweightingAuc.Result a = ReweightingAuc.run(spark, num.features(), num.weights(), den.features(),
                    reweighted, t.name(), settings.auc());
            auc = new ValidationSummary.ReweightingAuc(a.auc(), a.nullSigma(), a.significance(), a.trainEvents(),
                    a.testEvents(), a.numeratorNeff(), a.denominatorNeff());
        }

        ValidationSummary.EnsembleSpread spreadSummary = null;
        if (den.members().length >= 2) {
            double[] spread = EnsembleSpread.perEvent(den.members());
            EnsembleSpread e = EnsembleSpread.summarise(den.members().length, spread, den.weights());
            spreadSummary = new ValidationSummary.EnsembleSpread(
                    "per-event std of the members' ratios / their mean, over the denominator sample",
                    e.mean(), e.median(), e.p90(), e.p99());
            out.writeBytes("plots/spread_" + file + ".png", ValidationPlots.histogram(t.name()
                    + ": ensemble spread (std / mean of the " + e.members() + " members' ratios)", "relative spread",
                    spread, den.weights(), HISTOGRAM_BINS));
        }

        ValidationSummary.Truth truth = null;
        if (den.exact() != null) {
            LogRatioError e = LogRatioError.of(den.ratio(), den.exact(), den.weights());
            List<ValidationSummary.MemberError> members = null;
            if (den.members().length >= 2) {
                members = new ArrayList<>();
                for (double[] member : den.members()) {
                    LogRatioError m = LogRatioError.of(member, den.exact(), den.weights());
                    members.add(new ValidationSummary.MemberError(m.meanAbs(), m.p99Abs()));
                }
            }
            truth = new ValidationSummary.Truth(t.ratio().exact(), e.meanAbs(), e.p99Abs(), e.mean(), e.rms(),
                    LogRatioError.of(den.exact(), ones(den.size()), den.weights()).meanAbs(), members);
            out.writeBytes("plots/dlogr_" + file + ".png", ValidationPlots.histogram(String.format(Locale.ROOT,
                    "%s: log r - log r_exact (mean |.| = %.4f, 99%% of |.| < %.4f)", t.name(), e.meanAbs(), e.p99Abs()),
                    "log r - log r_exact", LogRatioError.perEvent(den.ratio(), den.exact()), den.weights(),
                    HISTOGRAM_BINS));
        }
        return new ValidationSummary.Ratio(t.estimates(), t.numeratorName(), num.size(), t.denominatorName(), den.size(),
                den.members().length, closure, calibration, auc, spreadSummary, truth, (System.nanoTime() - start) / 1e9);
    }

    private static double[] ones(int n) {
        double[] one = new double[n];
        java.util.Arrays.fill(one, 1.0);
        return one;
    }
}
