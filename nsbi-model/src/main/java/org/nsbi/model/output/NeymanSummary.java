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
 * @param criticalValues   how the belt's t_c were made: "order_statistic" (each point's own toys) or "smooth" (a fit
 *                         across the grid, in critical-values.json)
 * @param gridEndpoints    with grid refinement (--grid-precision), the endpoints on the final grid with their uncertainty
 *                         from the grid spacing; null without it
 * @param placement        where the reference sample was while the toys were drawn
 */
public record NeymanSummary(double[] muGrid, int toysPerPoint, int toysPerBlock, List<Double> confidenceLevels,
                            long seed, String nuisanceTruth, long referenceEvents, long toys, double toySeconds,
                            long toysComputed, double toysPerSecond, List<AsimovClosure> asimovClosure,
                            List<FailedFits> failedFits, String criticalValues,
                            List<GridEndpoint> gridEndpoints, ReferencePlacement placement) {

    public NeymanSummary {
        muGrid = muGrid.clone();
        confidenceLevels = List.copyOf(confidenceLevels);
        asimovClosure = List.copyOf(asimovClosure);
        failedFits = List.copyOf(failedFits);
        gridEndpoints = gridEndpoints == null ? null : List.copyOf(gridEndpoints);
    }

    /** The value of {@link #criticalValues} for each point's own order statistic. */
    public static final String ORDER_STATISTIC = "order_statistic";

    /** The value of {@link #criticalValues} for the fit across the grid. */
    public static final String SMOOTH = "smooth";

    @Override
    public double[] muGrid() {
        return muGrid.clone();
    }
}
