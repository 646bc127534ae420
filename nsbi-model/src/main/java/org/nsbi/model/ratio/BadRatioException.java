package org.nsbi.model.ratio;

import org.nsbi.model.UserError;

/**
 * A ratio function produced NaN, infinite or negative ratios and the policy is {@link BadRatioPolicy#FAIL}.
 * The message is the report's summary and how to allow clipping.
 */
public final class BadRatioException extends UserError {

    private final transient BadRatioReport report;

    public BadRatioException(BadRatioReport report) {
        this(null, report);
    }

    /**
     * The same with where the ratios were met, e.g. the sample, the block and the network files, put before the
     * report's summary.
     *
     * @param where where the bad ratios were met, or null
     */
    public BadRatioException(String where, BadRatioReport report) {
        super((where == null ? "" : where + ": ") + report.summary() + "; the run stops on bad ratios unless clipping"
                + " is allowed (config: bad_ratios: {policy: clip, clip_max: <bound>})");
        this.report = report;
    }

    /** The counts and example event indices. */
    public BadRatioReport report() {
        return report;
    }
}
