package org.nsbi.spark.validate;

import java.util.ArrayList;
import java.util.List;
import org.nsbi.model.offshell.OffshellEvents;
import org.nsbi.model.offshell.OffshellExactRatios;
import org.nsbi.model.offshell.OffshellSample;
import org.nsbi.model.offshell.OffshellSimulator;

/** Small off-shell toy samples with their exact ratios, for the validation tests (no Spark). */
final class ToyData {

    final float[][] features;
    final double[] weights;
    final double[] exact;

    private ToyData(OffshellEvents e, String exactRatio) {
        features = new float[][] {e.m(), e.c(), e.y()};
        weights = e.weight().clone();
        exact = new double[e.size()];
        OffshellExactRatios.byName(exactRatio).evaluate(e.features(), exact);
    }

    /** {@code events} events of each named sample (concatenated), with the exact ratio {@code exactRatio}. */
    static ToyData of(String exactRatio, long seed, int events, String... samples) {
        List<OffshellEvents> parts = new ArrayList<>();
        for (String s : samples) {
            parts.add(OffshellSimulator.generate(OffshellSample.byName(s), seed, events, 1000));
        }
        return new ToyData(OffshellEvents.concat(parts), exactRatio);
    }

    /** The p_ref mixture (S, B, NI with weights nu / N), {@code events} of each. */
    static ToyData reference(String exactRatio, long seed, int events) {
        return of(exactRatio, seed, events, "S", "B", "NI");
    }

    int size() {
        return weights.length;
    }
}
