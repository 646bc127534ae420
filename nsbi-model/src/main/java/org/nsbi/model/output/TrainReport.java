package org.nsbi.model.output;

import java.util.List;
import org.nsbi.model.config.TrainingConfig;

/**
 * train.json of {@code train}: what was trained from which config, and how each network's training went.
 *
 * @param config   the config file
 * @param settings its training settings
 * @param networks one entry per network, in the order trained
 */
public record TrainReport(String config, TrainingConfig.Settings settings, List<Network> networks) {

    /**
     * How one classifier's training went.
     *
     * @param network      the network's name
     * @param eventsLabel1 training events of the numerator (label 1)
     * @param eventsLabel0 training events of the denominator (label 0)
     * @param layers       the perceptron's layer sizes, input to output
     * @param seed         MLlib's seed
     * @param iterations   L-BFGS iterations
     * @param trainingLoss the last value of the objective (NaN without history)
     * @param logitShift   the log of the class-balance correction folded into the output
     * @param featureMean  the standardisation's mean per feature
     * @param featureStd   its standard deviation per feature
     * @param seconds      training time
     */
    public record Fit(String network, long eventsLabel1, long eventsLabel0, int[] layers, long seed, int iterations,
                      double trainingLoss, double logitShift, double[] featureMean, double[] featureStd, double seconds) {
    }

    /** A trained network: which ratio and ensemble member, its file, and its {@link Fit} (the same fields, flat). */
    public record Network(String ratio, int member, String file, String network, long eventsLabel1, long eventsLabel0,
                          int[] layers, long seed, int iterations, double trainingLoss, double logitShift,
                          double[] featureMean, double[] featureStd, double seconds) {

        public static Network of(String ratio, int member, String file, Fit f) {
            return new Network(ratio, member, file, f.network(), f.eventsLabel1(), f.eventsLabel0(), f.layers(), f.seed(),
                    f.iterations(), f.trainingLoss(), f.logitShift(), f.featureMean(), f.featureStd(), f.seconds());
        }
    }
}
