package org.nsbi.model.config;

import java.util.List;

/**
 * What the {@code train} command trains, as read from a config's {@code training} section by
 * {@link AnalysisConfigParser#parseTraining} (format: {@code nsbi-model/CONFIG.md}, "Training"). Immutable; every
 * path is resolved.
 *
 * @param file     the config file it was read from (for messages)
 * @param features the feature names, in the order the trained networks take them
 * @param settings the networks' settings, shared by every ratio
 * @param ratios   the ratios to train, process ratios first, then the systematic ones, in the config's order
 */
public record TrainingConfig(String file, List<String> features, Settings settings, List<Ratio> ratios) {

    public TrainingConfig {
        features = List.copyOf(features);
        ratios = List.copyOf(ratios);
    }

    /**
     * How every network is trained.
     *
     * @param ensemble      networks per ratio (the ensemble members), &ge; 1
     * @param hiddenLayers  the hidden layers' sizes (sigmoid units), at least one layer, each &ge; 1
     * @param maxIterations the optimiser's iteration limit (MLlib's L-BFGS), &ge; 1
     * @param events        at most this many training events per class and network, &ge; 1
     * @param seed          the run seed; every member's initialisation, event selection and simulated samples
     *                      derive from it, the ratio's name and the member index
     */
    public record Settings(int ensemble, List<Integer> hiddenLayers, int maxIterations, long events, long seed) {
        public Settings {
            hiddenLayers = List.copyOf(hiddenLayers);
        }
    }

    /**
     * One ratio p_num(x) / p_den(x) to learn with a classifier of the numerator sample (label 1) against the
     * denominator sample (label 0).
     *
     * @param name        the ratio's name: {@code ratio_<process>} or {@code syst_<process>_<nuisance>_up|down}
     *                    (the shared fixtures' names); the networks are {@code <name>_<k>.onnx}
     * @param process     the process
     * @param systematic  the nuisance parameter, or null for the process ratio r_c = p_c / p_ref
     * @param direction   +1 or −1 for a systematic ratio p_c(x | α = ±1) / p_c(x), 0 for a process ratio
     * @param numerator   the label-1 samples (their weighted union)
     * @param denominator the label-0 samples (the reference for a process ratio, the nominal process sample for a
     *                    systematic one)
     */
    public record Ratio(String name, String process, String systematic, int direction, List<EventSource> numerator,
                        List<EventSource> denominator) {
        public Ratio {
            numerator = List.copyOf(numerator);
            denominator = List.copyOf(denominator);
        }
    }
}
