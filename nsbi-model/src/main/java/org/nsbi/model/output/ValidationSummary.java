package org.nsbi.model.output;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * validation.json of {@code validate}: the checks of every ratio r = p_num / p_den.
 *
 * @param config   the analysis config's file
 * @param samples  where the numerator samples come from, in words
 * @param truth    what the ratios are checked against (the off-shell toy's exact ratios, or none and why)
 * @param settings the checks' settings
 * @param ratios   the checks, by ratio name
 * @param seconds  wall time of the validation
 */
public record ValidationSummary(String config, String samples, String truth, Settings settings,
                                Map<String, Ratio> ratios, double seconds) {

    public ValidationSummary {
        ratios = Collections.unmodifiableMap(new LinkedHashMap<>(ratios));
    }

    /**
     * @param calibrationBins bins of the calibration histograms
     * @param blockSize       events per block
     * @param classifier      the reweighting test's classifier, in words (null when the test was skipped)
     * @param seed            its seed (null when the test was skipped)
     */
    public record Settings(int calibrationBins, int blockSize, String classifier, Long seed) {
    }

    /**
     * The checks of one ratio.
     *
     * @param estimates         what it estimates, in words
     * @param numeratorSample   the numerator sample's name
     * @param numeratorEvents   its events
     * @param denominatorSample the denominator sample's name
     * @param denominatorEvents its events
     * @param members           members of the ratio's ensemble
     * @param closure           &Sigma; &#375; r over the denominator sample
     * @param calibration       numerator over denominator in bins of r
     * @param reweightingAuc    the reweighting test (null when skipped)
     * @param ensembleSpread    the members' per-event spread (null for fewer than two members)
     * @param truth             against the exact ratio (null without one)
     * @param seconds           wall time of this ratio's checks
     */
    public record Ratio(String estimates, String numeratorSample, int numeratorEvents, String denominatorSample,
                        int denominatorEvents, int members, Closure closure, Calibration calibration,
                        ReweightingAuc reweightingAuc, EnsembleSpread ensembleSpread, Truth truth, double seconds) {
    }

    /**
     * @param value                &Sigma; &#375; r (&asymp; 1)
     * @param mcError              its Monte Carlo error
     * @param pull                 (value &minus; 1) / mcError
     * @param exactRatioSameEvents the exact ratio's closure on the same events (null without one)
     */
    public record Closure(double value, double mcError, double pull, Double exactRatioSameEvents) {
    }

    /**
     * @param chi2                 &chi;&sup2; of the histogram ratio against the mean predicted ratio
     * @param bins                 filled bins
     * @param maxRelativeDeviation the largest |observed / predicted &minus; 1|
     * @param edges                the bins' edges in r
     * @param meanPredictedRatio   the mean r per bin
     * @param histogramRatio       numerator / denominator per bin
     * @param histogramRatioError  its error per bin
     */
    public record Calibration(double chi2, int bins, double maxRelativeDeviation, double[] edges,
                              double[] meanPredictedRatio, double[] histogramRatio, double[] histogramRatioError) {
    }

    /**
     * The reweighting test: an independent classifier's AUC, numerator against the reweighted denominator.
     *
     * @param auc                            its AUC (0.5 when r is right)
     * @param nullSigma                      the AUC's spread for a right ratio
     * @param significance                   (auc &minus; 0.5) / nullSigma
     * @param trainEvents                    training events
     * @param testEvents                     test events
     * @param testNumeratorEffectiveEvents   effective numerator events of the test set
     * @param testDenominatorEffectiveEvents effective denominator events of the test set
     */
    public record ReweightingAuc(double auc, double nullSigma, double significance, int trainEvents, int testEvents,
                                 double testNumeratorEffectiveEvents, double testDenominatorEffectiveEvents) {
    }

    /**
     * @param measure what is measured, in words
     * @param mean    its weighted mean
     * @param median  its weighted median
     * @param p90     its 90th percentile
     * @param p99     its 99th percentile
     */
    public record EnsembleSpread(String measure, double mean, double median, double p90, double p99) {
    }

    /**
     * Against the off-shell toy's exact ratio.
     *
     * @param exact                  the exact ratio's name
     * @param meanAbsLogRatioError   mean |log r &minus; log r_exact|
     * @param p99AbsLogRatioError    its 99th percentile
     * @param meanLogRatioError      mean (log r &minus; log r_exact)
     * @param rmsLogRatioError       its root mean square
     * @param meanAbsLogRatioExact   mean |log r_exact|, the scale of the errors
     * @param members                per member (null for fewer than two members)
     */
    public record Truth(String exact, double meanAbsLogRatioError, double p99AbsLogRatioError, double meanLogRatioError,
                       double rmsLogRatioError, double meanAbsLogRatioExact, List<MemberError> members) {
    }

    /** One member's |log r &minus; log r_exact|: mean and 99th percentile. */
    public record MemberError(double meanAbsLogRatioError, double p99AbsLogRatioError) {
    }
}
