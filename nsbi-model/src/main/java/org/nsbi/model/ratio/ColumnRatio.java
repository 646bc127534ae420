package org.nsbi.model.ratio;


/**
 * A ratio read from a column of the events (a config's {@code ratio: {column: ..., output: ...}}): the column's values
 * of one block, through their convention. Unchecked; wrap it in a {@link CheckedRatio} for the bad-ratio policy.
 *
 * @param name       the ratio's name, for messages
 * @param convention what the column holds
 * @param values     the column's values for the block's events, in order
 */
public record ColumnRatio(String name, RatioConvention convention, float[] values) implements RatioFunction {

    @Override
    public void evaluate(FeatureBlock block, double[] out) {
        if (values.length != block.size()) {
            throw new IllegalArgumentException("ratio " + name + ": " + values.length + " column values for a block of "
                    + block.size() + " events");
        }
        for (int i = 0; i < block.size(); i++) {
            out[i] = convention.toRatio(values[i]);
        }
    }
}
