package org.nsbi.model.ratio;

/**
 * Any ratio function with the bad-ratio policy applied to its output (NaN, infinite or negative
 * ratios stop the run, or are clipped and counted). ONNX ensembles check themselves; this is for
 * the other sources (a data column, an exact ratio).
 */
public final class CheckedRatio implements RatioFunction {

    private final RatioFunction inner;
    private final RatioCheck check;

    public CheckedRatio(RatioFunction inner, BadRatioPolicy policy) {
        this.inner = inner;
        this.check = new RatioCheck(inner.name(), policy);
    }

    @Override
    public String name() {
        return inner.name();
    }

    @Override
    public void evaluate(FeatureBlock block, double[] out) {
        inner.evaluate(block, out);
        check.apply(out, block.size());
    }

    public BadRatioReport report() {
        return check.report();
    }
}
