package org.nsbi.model.coverage;

import java.io.Serializable;
import java.util.HashMap;
import java.util.Map;
import org.nsbi.model.score.ScoringPlan;
import org.nsbi.stats.coverage.BootstrapExperiments;
import org.nsbi.stats.coverage.ExperimentSource;
import org.nsbi.stats.model.EventTable;
import org.nsbi.stats.model.MixtureModel;

/**
 * What every experiment task of a coverage check needs, shipped once per executor in a broadcast: the model, the
 * truths (&mu;_true, &alpha;_true) and, by source, the scoring plan (simulator) or the weighted sample to bootstrap
 * (an independent MC sample, or the belt's reference sample for the closure test).
 */
public final class CoverageWorkload implements Serializable {

    private static final long serialVersionUID = 1L;

    private final ExperimentOrigin origin;
    private final MixtureModel model;
    private final double[] muTrue;
    private final double[][] alphaTrue;
    private final ScoringPlan plan;
    private final EventTable sample;
    private transient Map<Integer, BootstrapExperiments> bootstraps;

    private CoverageWorkload(ExperimentOrigin origin, MixtureModel model, double[] muTrue, double[][] alphaTrue,
                             ScoringPlan plan, EventTable sample) {
        if (alphaTrue.length != muTrue.length) {
            throw new IllegalArgumentException(alphaTrue.length + " nuisance truths for " + muTrue.length + " mu_true values");
        }
        this.origin = origin;
        this.model = model;
        this.muTrue = muTrue.clone();
        this.alphaTrue = alphaTrue.clone();
        this.plan = plan;
        this.sample = sample;
    }

    /** Experiments from the simulator, scored with {@code plan}. */
    public static CoverageWorkload simulator(MixtureModel model, double[] muTrue, double[][] alphaTrue, ScoringPlan plan) {
        return new CoverageWorkload(ExperimentOrigin.SIMULATOR, model, muTrue, alphaTrue, plan, null);
    }

    /** Experiments bootstrapped from a weighted sample: independent MC ({@code FILES}) or the reference ({@code BOOTSTRAP}). */
    public static CoverageWorkload bootstrap(ExperimentOrigin origin, MixtureModel model, double[] muTrue, double[][] alphaTrue,
                                             EventTable sample) {
        if (origin == ExperimentOrigin.SIMULATOR) {
            throw new IllegalArgumentException("simulator experiments are not bootstrapped from a sample");
        }
        return new CoverageWorkload(origin, model, muTrue, alphaTrue, null, sample);
    }

    public ExperimentOrigin origin() {
        return origin;
    }

    public MixtureModel model() {
        return model;
    }

    public double mu(int index) {
        return muTrue[index];
    }

    /** The source of the experiments at &mu;_true number {@code index}; a bootstrap's alias table is built once per JVM. */
    public synchronized ExperimentSource source(int index) {
        if (origin == ExperimentOrigin.SIMULATOR) {
            return new SimulatorExperiments(model, plan, muTrue[index], alphaTrue[index]);
        }
        if (bootstraps == null) {
            bootstraps = new HashMap<>();
        }
        return bootstraps.computeIfAbsent(index, m -> BootstrapExperiments.of(model, sample, muTrue[m], alphaTrue[m]));
    }
}
