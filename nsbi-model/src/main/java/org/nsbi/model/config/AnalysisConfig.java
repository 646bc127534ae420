package org.nsbi.model.config;


import java.util.List;
import org.nsbi.model.ratio.BadRatioPolicy;

/**
 * One analysis, as read from its YAML file by {@link AnalysisConfigParser} (the format is documented in
 * {@code nsbi-model/CONFIG.md}). Immutable; every path is resolved (local paths absolute).
 *
 * @param file        the config file it was read from (for messages)
 * @param features    the feature names, in the order the networks expect them
 * @param reference   the reference sample p_ref: one or several samples with their weights
 * @param processes   the processes, unique names
 * @param systematics the nuisance parameters (may be empty)
 * @param poi         the parameter of interest
 * @param neyman      the Neyman construction's settings
 * @param observed    the observed data: one or several samples
 * @param badRatios   what to do with NaN, infinite or negative ratios (default: fail)
 * @param observedAux the auxiliary measurements a_k of the observed data by nuisance parameter name (missing: 0;
 *                    for a simulated observation, the simulator's draws are used unless given here)
 * @param normaliseRatios whether each process ratio r_c is divided by its closure &Sigma; &#375; r_c on the reference
 *                    sample, so that it closes exactly there (default false)
 */
public record AnalysisConfig(String file, List<String> features, List<EventSource> reference,
                             List<ProcessSpec> processes, List<Systematic> systematics, Poi poi,
                             NeymanSettings neyman, List<EventSource> observed, BadRatioPolicy badRatios,
                             java.util.Map<String, Double> observedAux, boolean normaliseRatios) {

    public AnalysisConfig {
        features = List.copyOf(features);
        reference = List.copyOf(reference);
        processes = List.copyOf(processes);
        systematics = List.copyOf(systematics);
        observed = List.copyOf(observed);
        observedAux = java.util.Map.copyOf(observedAux);
    }

    /** A config whose ratios are used as they are ({@code normalise_ratios: false}). */
    public AnalysisConfig(String file, List<String> features, List<EventSource> reference,
                          List<ProcessSpec> processes, List<Systematic> systematics, Poi poi,
                          NeymanSettings neyman, List<EventSource> observed, BadRatioPolicy badRatios,
                          java.util.Map<String, Double> observedAux) {
        this(file, features, reference, processes, systematics, poi, neyman, observed, badRatios, observedAux, false);
    }

    /** This config with other {@code file}. */
    public AnalysisConfig withFile(String file) {
        return new AnalysisConfig(file, features, reference, processes, systematics, poi, neyman, observed, badRatios,
                observedAux, normaliseRatios);
    }

    /** This config with other {@code features}. */
    public AnalysisConfig withFeatures(List<String> features) {
        return new AnalysisConfig(file, features, reference, processes, systematics, poi, neyman, observed, badRatios,
                observedAux, normaliseRatios);
    }

    /** This config with other {@code reference}. */
    public AnalysisConfig withReference(List<EventSource> reference) {
        return new AnalysisConfig(file, features, reference, processes, systematics, poi, neyman, observed, badRatios,
                observedAux, normaliseRatios);
    }

    /** This config with other {@code processes}. */
    public AnalysisConfig withProcesses(List<ProcessSpec> processes) {
        return new AnalysisConfig(file, features, reference, processes, systematics, poi, neyman, observed, badRatios,
                observedAux, normaliseRatios);
    }

    /** This config with other {@code systematics}. */
    public AnalysisConfig withSystematics(List<Systematic> systematics) {
        return new AnalysisConfig(file, features, reference, processes, systematics, poi, neyman, observed, badRatios,
                observedAux, normaliseRatios);
    }

    /** This config with other {@code poi}. */
    public AnalysisConfig withPoi(Poi poi) {
        return new AnalysisConfig(file, features, reference, processes, systematics, poi, neyman, observed, badRatios,
                observedAux, normaliseRatios);
    }

    /** This config with other {@code neyman}. */
    public AnalysisConfig withNeyman(NeymanSettings neyman) {
        return new AnalysisConfig(file, features, reference, processes, systematics, poi, neyman, observed, badRatios,
                observedAux, normaliseRatios);
    }

    /** This config with other {@code observed}. */
    public AnalysisConfig withObserved(List<EventSource> observed) {
        return new AnalysisConfig(file, features, reference, processes, systematics, poi, neyman, observed, badRatios,
                observedAux, normaliseRatios);
    }

    /** This config with other {@code badRatios}. */
    public AnalysisConfig withBadRatios(BadRatioPolicy badRatios) {
        return new AnalysisConfig(file, features, reference, processes, systematics, poi, neyman, observed, badRatios,
                observedAux, normaliseRatios);
    }

    /** This config with other {@code observedAux}. */
    public AnalysisConfig withObservedAux(java.util.Map<String, Double> observedAux) {
        return new AnalysisConfig(file, features, reference, processes, systematics, poi, neyman, observed, badRatios,
                observedAux, normaliseRatios);
    }

    /** This config with other {@code normaliseRatios}. */
    public AnalysisConfig withNormaliseRatios(boolean normaliseRatios) {
        return new AnalysisConfig(file, features, reference, processes, systematics, poi, neyman, observed, badRatios,
                observedAux, normaliseRatios);
    }
}
