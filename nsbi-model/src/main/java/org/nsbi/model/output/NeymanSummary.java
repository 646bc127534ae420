package org.nsbi.model.output;

import java.util.List;

/**
 * The Neyman construction's settings and results, in summary.json of neyman and demo.
 *
 * @param muGrid           the grid of &mu;
 * @param toysPerPoint     toys per grid point
 * @param toysPerBlock     toys per task
 * @param confidenceLevels the belts' confidence levels
 * @param seed             the run seed
 * @param nuisanceTruth    the toys' nuisance parameters: nominal or profiled
 * @param referenceEvents  events of the scored reference sample
 * @param toys             toys of the run
 * @param toySeconds       wall time of the toys
 * @param toysComputed     toys computed by this run (the rest came from checkpoints)
 * @param toysPerSecond    toysComputed / toySeconds
 * @param asimovClosure    the Asimov closure per grid point
 * @param failedFits       the failed fits per grid point
 * @param placement        where the reference sample was while the toys were drawn
 */
public record NeymanSummary(double[] muGrid, int toysPerPoint, int toysPerBlock, List<Double> confidenceLevels,
                            long seed, String nuisanceTruth, long referenceEvents, long toys, double toySeconds,
                            long toysComputed, double toysPerSecond, List<AsimovClosure> asimovClosure,
                            List<FailedFits> failedFits, ReferencePlacement placement) {

    public NeymanSummary {
        muGrid = muGrid.clone();
        confidenceLevels = List.copyOf(confidenceLevels);
        asimovClosure = List.copyOf(asimovClosure);
        failedFits = List.copyOf(failedFits);
    }

    @Override
    public double[] muGrid() {
        return muGrid.clone();
    }
}
