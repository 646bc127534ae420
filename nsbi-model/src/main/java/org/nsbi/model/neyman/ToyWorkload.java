package org.nsbi.model.neyman;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nsbi.model.output.AsimovClosure;
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
 * workspaces, is built once. The Asimov closure of a point whose sampler was built here is read off the same weights
 * ({@link #asimovClosures}).
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
    /** Per grid point whose sampler was built in this JVM, the closure of its Asimov weights. */
    private transient Map<Integer, AsimovClosure> closures;

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
        return samplers.computeIfAbsent(muIndex, m -> {
            AsimovWeights a = AsimovWeights.compute(model, reference, muGrid[m], alphaTrue[m]);
            if (closures == null) {
                closures = new java.util.HashMap<>();
            }
            closures.put(m, AsimovClosure.of(muGrid[m], a));
            return SparsePoissonSampler.of(a.weights(), alphaTrue[m]);
        });
    }

    /**
     * The Asimov closure at every grid point: read off the weights of the point's sampler where it was built in this JVM,
     * computed now for the others (a pass over the reference sample each; e.g. a point whose toys were all resumed). The
     * same numbers either way.
     */
    public List<AsimovClosure> asimovClosures() {
        List<AsimovClosure> all = new java.util.ArrayList<>(muGrid.length);
        for (int m = 0; m < muGrid.length; m++) {
            AsimovClosure kept;
            synchronized (this) {
                kept = closures == null ? null : closures.get(m);
            }
            all.add(kept != null ? kept : AsimovClosure.of(muGrid[m], AsimovWeights.compute(model, reference, muGrid[m],
                    alphaTrue[m])));
        }
        return all;
    }
}
