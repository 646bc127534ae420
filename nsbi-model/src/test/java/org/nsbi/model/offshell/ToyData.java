package org.nsbi.model.offshell;

import java.util.ArrayList;
import java.util.List;

/** Small off-shell toy samples with their exact ratios, for the validation tests (no Spark). */
public final class ToyData {

    public final float[][] features;
    public final double[] weights;
    public final double[] exact;

    private ToyData(OffshellEvents e, String exactRatio) {
        features = new float[][] {e.m(), e.c(), e.y()};
        weights = e.weight().clone();
        exact = new double[e.size()];
        OffshellExactRatios.byName(exactRatio).evaluate(e.features(), exact);
    }

    /** {@code events} events of each named sample (concatenated), with the exact ratio {@code exactRatio}. */
    public static ToyData of(String exactRatio, long seed, int events, String... samples) {
        List<OffshellEvents> parts = new ArrayList<>();
        for (String s : samples) {
            parts.add(OffshellSimulator.generate(OffshellSample.byName(s), seed, events, 1000));
        }
        return new ToyData(OffshellEvents.concat(parts), exactRatio);
    }

    /** The p_ref mixture (S, B, NI with weights nu / N), {@code events} of each. */
    public static ToyData reference(String exactRatio, long seed, int events) {
        return of(exactRatio, seed, events, "S", "B", "NI");
    }

    public int size() {
        return weights.length;
    }
}
