package org.nsbi.model.ratio;

/**
 * What to do with a ratio that is NaN, infinite or negative.
 *
 * <ul>
 *   <li>{@link #FAIL} (the default): the evaluation throws a {@link BadRatioException} with a
 *       {@link BadRatioReport} of the block.</li>
 *   <li>{@link #clip(double)}: the user allowed clipping; NaN and negative ratios (including &minus;&infin;)
 *       become 0, +&infin; becomes {@code clipMax}; finite non-negative ratios are left alone; every clipped
 *       value is still counted in the function's cumulative report.</li>
 * </ul>
 *
 * @param clip    whether bad values are clipped (true) or stop the run (false)
 * @param clipMax the value that replaces +&infin;, finite and &gt; 0 (unused when {@code clip} is false)
 */
public record BadRatioPolicy(boolean clip, double clipMax) implements java.io.Serializable {

    /** Stop at the first block with a bad ratio. */
    public static final BadRatioPolicy FAIL = new BadRatioPolicy(false, Double.MAX_VALUE);

    public BadRatioPolicy {
        if (!(clipMax > 0) || Double.isInfinite(clipMax)) {
            throw new IllegalArgumentException("clipMax = " + clipMax + "; expected a finite number > 0");
        }
    }

    /** Clip bad ratios into [0, clipMax] instead of failing. */
    public static BadRatioPolicy clip(double clipMax) {
        return new BadRatioPolicy(true, clipMax);
    }

    /**
     * The clipped value of one ratio r: 0 if r is NaN or r &lt; 0, clipMax if r = +&infin;, else r.
     */
    public double clipValue(double r) {
        if (Double.isNaN(r) || r < 0) {
            return 0.0;
        }
        return r == Double.POSITIVE_INFINITY ? clipMax : r;
    }
}
