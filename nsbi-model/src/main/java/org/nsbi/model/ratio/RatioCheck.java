package org.nsbi.model.ratio;

/**
 * Applies a {@link BadRatioPolicy} to the ratios a function writes, block after block: under FAIL, a
 * block with a NaN, infinite or negative ratio stops the run with a {@link BadRatioException} naming
 * counts and example event indices; under CLIP, bad values are replaced and counted in the
 * cumulative {@link #report()}. Event indices count the events this check has seen, from 0.
 * One instance per ratio function (it is stateful).
 */
public final class RatioCheck {

    private final String name;
    private final BadRatioPolicy policy;
    private final BadRatioReport report;
    private long eventsSeen;

    public RatioCheck(String name, BadRatioPolicy policy) {
        this.name = name;
        this.policy = policy;
        this.report = new BadRatioReport(name);
    }

    /** Checks (and under CLIP repairs) {@code out[0..n)}. */
    public void apply(double[] out, int n) {
        long first = eventsSeen;
        eventsSeen += n;
        if (!policy.clip()) {
            BadRatioReport block = new BadRatioReport(name);
            if (block.scan(out, n, first) > 0) {
                throw new BadRatioException(block);
            }
            report.merge(block);
            return;
        }
        if (report.scan(out, n, first) > 0) {
            for (int i = 0; i < n; i++) {
                out[i] = policy.clipValue(out[i]);
            }
        }
    }

    /** What was seen so far: events, and the bad ones that were clipped. */
    public BadRatioReport report() {
        return report;
    }
}
