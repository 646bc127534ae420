package org.nsbi.model.ratio;

/**
 * A per-event density ratio r(x) (a process ratio p_c/p_ref or a systematic ratio
 * p_c(x|&alpha;_k=&plusmn;1)/p_c(x)), evaluated on blocks of events. Implementations: an ONNX network or an
 * ensemble of them, a column already present in the data, or an exact ratio of the off-shell toy.
 */
public interface RatioFunction {

    /** A name for messages, e.g. the ratio's name in the config or the ONNX file. */
    String name();

    /**
     * Writes r(x_i) for the events of the block into {@code out[0 .. block.size())}.
     * Implementations must not return NaN, infinite or negative ratios silently: they either
     * throw an exception naming the event index, or report them as the caller asked.
     */
    void evaluate(FeatureBlock block, double[] out);
}
