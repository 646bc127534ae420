package org.nsbi.model.config;

import java.util.List;

/**
 * Settings of the Neyman construction.
 *
 * @param muGrid           the tested &mu; values, at least one, strictly increasing, inside the POI range
 * @param toysPerPoint     pseudo-experiments per grid point, &ge; 1
 * @param confidenceLevels the belts' confidence levels, each in (0, 1)
 * @param seed             the run seed every random draw derives from
 * @param nuisanceTruth    the nuisance parameters' truth for the toys
 */
public record NeymanSettings(List<Double> muGrid, int toysPerPoint, List<Double> confidenceLevels, long seed,
                             NuisanceTruth nuisanceTruth) {

    public NeymanSettings {
        muGrid = List.copyOf(muGrid);
        confidenceLevels = List.copyOf(confidenceLevels);
    }

    /** These settings with other {@code muGrid}. */
    public NeymanSettings withMuGrid(List<Double> muGrid) {
        return new NeymanSettings(muGrid, toysPerPoint, confidenceLevels, seed, nuisanceTruth);
    }

    /** These settings with other {@code toysPerPoint}. */
    public NeymanSettings withToysPerPoint(int toysPerPoint) {
        return new NeymanSettings(muGrid, toysPerPoint, confidenceLevels, seed, nuisanceTruth);
    }

    /** These settings with other {@code confidenceLevels}. */
    public NeymanSettings withConfidenceLevels(List<Double> confidenceLevels) {
        return new NeymanSettings(muGrid, toysPerPoint, confidenceLevels, seed, nuisanceTruth);
    }

    /** These settings with other {@code seed}. */
    public NeymanSettings withSeed(long seed) {
        return new NeymanSettings(muGrid, toysPerPoint, confidenceLevels, seed, nuisanceTruth);
    }

    /** These settings with other {@code nuisanceTruth}. */
    public NeymanSettings withNuisanceTruth(NuisanceTruth nuisanceTruth) {
        return new NeymanSettings(muGrid, toysPerPoint, confidenceLevels, seed, nuisanceTruth);
    }

    /** The truth of the nuisance parameters used to generate toys at each &mu;. */
    public enum NuisanceTruth {
        /** &alpha; = 0 (the auxiliary measurements' nominal values). */
        NOMINAL,
        /** &alpha; = &alpha;&#770;&#770;(&mu;), profiled on the observed data at that &mu;. */
        PROFILED
    }
}
