package org.nsbi.spark.bench;

import java.util.ArrayList;
import java.util.List;
import org.nsbi.model.synthetic.SyntheticAnalysis;
import org.nsbi.model.synthetic.SyntheticSpec;
import org.nsbi.stats.likelihood.AsimovWeights;
import org.nsbi.stats.model.EventTable;
import org.nsbi.stats.model.EventTables;
import org.nsbi.stats.model.MixtureModel;
import org.nsbi.stats.toys.SparsePoissonSampler;

/**
 * The kscan's toys for one K: the synthetic analysis (C = 4) with {@code shape} shape and K &minus; shape yield-only
 * parameters on N reference events, its Asimov weights at (&mu; = 1, &alpha; = 0) and the sampler of toys drawn from them.
 */
record KscanToys(int k, int shape, MixtureModel model, EventTable reference, double[] asimovWeights,
                 SparsePoissonSampler sampler) {

    /** {@code spec}: K (10% shape, at least one) or S+Y (S shape and Y yield-only parameters). */
    static KscanToys of(int n, String spec) {
        int plus = spec.indexOf('+');
        int k = plus < 0 ? Integer.parseInt(spec) : Integer.parseInt(spec.substring(0, plus))
                + Integer.parseInt(spec.substring(plus + 1));
        int shape = plus < 0 ? Math.max(1, k / 10) : Integer.parseInt(spec.substring(0, plus));
        SyntheticAnalysis analysis = SyntheticAnalysis.of(new SyntheticSpec(4, shape, k - shape, n, 50_000, 3));
        MixtureModel model = analysis.model();
        List<EventTable> blocks = new ArrayList<>();
        for (int b = 0; b < analysis.spec().blocks(); b++) {
            blocks.add(analysis.referenceBlock(b).table());
        }
        EventTable ref = EventTables.concat(model, blocks);
        double[] zero = new double[k];
        double[] wA = AsimovWeights.compute(model, ref, 1.0, zero).weights();
        return new KscanToys(k, shape, model, ref, wA, SparsePoissonSampler.of(wA, zero));
    }
}
