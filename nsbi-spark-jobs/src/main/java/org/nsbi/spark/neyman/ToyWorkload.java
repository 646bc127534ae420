package org.nsbi.spark.neyman;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;
import org.nsbi.stats.likelihood.AsimovWeights;
import org.nsbi.stats.model.EventTable;
import org.nsbi.stats.model.MixtureModel;
import org.nsbi.stats.toys.SparsePoissonSampler;

/**
 * What every toy task needs, shipped once per executor in a broadcast: the model, the scored
 * reference sample, the &mu; grid and the true nuisance parameters at each point. The Asimov weights
 * and the alias table of a grid point are built on an executor the first time one of its tasks needs
 * them and kept (a few points at a time) for the next tasks of the same point.
 */
public final class ToyWorkload implements Serializable {

    private static final long serialVersionUID = 1L;
    private static final int CACHED_POINTS = 4;

    private final MixtureModel model;
    private final EventTable reference;
    private final double[] muGrid;
    private final double[][] alphaTrue;
    private transient Map<Integer, SparsePoissonSampler> samplers;

    /**
     * The workload of a broadcast, held strongly by this JVM. Spark's executors keep broadcast values behind
     * weak references, so a value no task is using can be collected and read again by the next task, and its
     * samplers rebuilt; measured here, that cost about 40 ms per task. The last two workloads are kept.
     */
    public static ToyWorkload of(org.apache.spark.broadcast.Broadcast<ToyWorkload> broadcast) {
        synchronized (HELD) {
            return HELD.computeIfAbsent(broadcast.id(), id -> broadcast.value());
        }
    }

    private static final Map<Long, ToyWorkload> HELD = new LinkedHashMap<>(4, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, ToyWorkload> eldest) {
            return size() > 2;
        }
    };

    public ToyWorkload(MixtureModel model, EventTable reference, double[] muGrid, double[][] alphaTrue) {
        this.model = model;
        this.reference = reference;
        this.muGrid = muGrid.clone();
        this.alphaTrue = alphaTrue.clone();
    }

    public MixtureModel model() {
        return model;
    }

    public EventTable reference() {
        return reference;
    }

    public double mu(int muIndex) {
        return muGrid[muIndex];
    }

    public double[] alphaTrue(int muIndex) {
        return alphaTrue[muIndex].clone();
    }

    /** The sparse sampler of grid point {@code muIndex} (Asimov weights at (&mu;, &alpha;_true)), built once per JVM. */
    public synchronized SparsePoissonSampler sampler(int muIndex) {
        if (samplers == null) {
            samplers = new LinkedHashMap<>(8, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<Integer, SparsePoissonSampler> eldest) {
                    return size() > CACHED_POINTS;
                }
            };
        }
        return samplers.computeIfAbsent(muIndex, m -> SparsePoissonSampler.of(
                AsimovWeights.compute(model, reference, muGrid[m], alphaTrue[m]).weights(), alphaTrue[m]));
    }
}
