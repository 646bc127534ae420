package org.nsbi.model.neyman;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;
import org.nsbi.stats.likelihood.AsimovWeights;
import org.nsbi.stats.model.EventTable;
import org.nsbi.stats.model.MixtureModel;
import org.nsbi.stats.toys.ProfileLikelihoodFit;
import org.nsbi.stats.toys.SparsePoissonSampler;

/**
 * What every toy task needs, shipped once per executor (the Spark layer's {@code SharedValue}): the model, the
 * scored reference sample, the &mu; grid and the true nuisance parameters at each point. The Asimov weights
 * and the alias table of a grid point are built on an executor the first time one of its tasks needs
 * them and kept (a few points at a time) for the next tasks of the same point; the fit, with its per-thread
 * workspaces, is built once.
 */
public final class ToyWorkload implements Serializable {

    private static final long serialVersionUID = 1L;
    private static final int CACHED_POINTS = 4;

    private final MixtureModel model;
    private final EventTable reference;
    private final double[] muGrid;
    private final double[][] alphaTrue;
    private transient Map<Integer, SparsePoissonSampler> samplers;
    private transient ProfileLikelihoodFit fit;

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

    /** The fit of every toy, built once per JVM (it keeps a workspace per thread, reused from toy to toy). */
    public synchronized ProfileLikelihoodFit fit() {
        if (fit == null) {
            fit = new ProfileLikelihoodFit(model, reference);
        }
        return fit;
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
