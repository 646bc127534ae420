package org.nsbi.model.coverage;

import java.util.List;
import java.util.Map;
import org.apache.commons.rng.UniformRandomProvider;
import org.nsbi.model.UserError;
import org.nsbi.model.offshell.OffshellEvents;
import org.nsbi.model.offshell.OffshellNuisance;
import org.nsbi.model.offshell.OffshellObservation;
import org.nsbi.model.offshell.OffshellSimulator;
import org.nsbi.model.ratio.EventBlock;
import org.nsbi.model.score.ScoredColumns;
import org.nsbi.model.score.ScoringPlan;
import org.nsbi.stats.coverage.Experiment;
import org.nsbi.stats.coverage.ExperimentSource;
import org.nsbi.stats.model.MixtureModel;

/**
 * Experiments drawn by the off-shell toy's simulator at the truth (&mu;_true, &alpha;_true), independently of the
 * reference sample and the belt's toys: aux a_k ~ N(&alpha;_k, 1), N ~ Poisson(&nu;(&mu;_true, &alpha;_true)) events
 * from &sigma;(x | &mu;_true, &alpha;_true) ({@link OffshellSimulator#observed}), then scored with the analysis's ratios
 * (networks or exact, as observed data would be) into the likelihood's table. Spark-free; one instance per task
 * (a scorer holds buffers).
 */
public final class SimulatorExperiments implements ExperimentSource {

    private final MixtureModel model;
    private final ScoringPlan.Scorer scorer;
    private final double muTrue;
    private final double[] toyAlpha;
    private final int[] toyIndex;

    /**
     * @param alphaTrue the true nuisance parameters in the model's order; the simulator's parameters the model does not
     *                  have stay at 0
     */
    public SimulatorExperiments(MixtureModel model, ScoringPlan plan, double muTrue, double[] alphaTrue) {
        this.model = model;
        this.muTrue = muTrue;
        List<String> nps = model.nuisances();
        this.toyIndex = toyIndex(nps);
        this.toyAlpha = new double[OffshellNuisance.values().length];
        for (int k = 0; k < nps.size(); k++) {
            toyAlpha[toyIndex[k]] = alphaTrue[k];
        }
        this.scorer = plan.newScorer("simulated experiments", List.of("simulator"));
    }

    /**
     * Checks that a model can be checked with simulator experiments: the off-shell toy's features, ratios computed from
     * the features, and only nuisance parameters the simulator knows.
     *
     * @throws UserError naming what does not fit
     */
    public static void check(MixtureModel model, ScoringPlan plan, List<String> features) {
        OffshellEvents.checkFeatures("--experiments-from simulator", features);
        if (!plan.ratiosFromDataColumns().isEmpty()) {
            throw new UserError("--experiments-from simulator: the ratios " + plan.ratiosFromDataColumns()
                    + " are read from data columns, which simulated events do not have; expected onnx or exact ratios");
        }
        toyIndex(model.nuisances());
    }

    private static int[] toyIndex(List<String> nuisances) {
        int[] index = new int[nuisances.size()];
        for (int k = 0; k < index.length; k++) {
            try {
                index[k] = OffshellNuisance.byKey(nuisances.get(k)).ordinal();
            } catch (IllegalArgumentException e) {
                throw new UserError("--experiments-from simulator: the analysis's nuisance parameter '"
                        + nuisances.get(k) + "' is not one the simulator can vary (" + e.getMessage() + ")", e);
            }
        }
        return index;
    }

    @Override
    public Experiment draw(UniformRandomProvider rng) {
        OffshellObservation obs = OffshellSimulator.observed(muTrue, toyAlpha, rng);
        EventBlock scored = scorer.score(new EventBlock(0, obs.events().features(),
                EventBlock.toFloat(obs.events().weight()), Map.of()));
        double[] aux = new double[toyIndex.length];
        for (int k = 0; k < aux.length; k++) {
            aux[k] = obs.aux()[toyIndex[k]];
        }
        double[] weights = obs.events().weight().clone();
        return new Experiment(ScoredColumns.table(model, scored), weights, aux);
    }
}
