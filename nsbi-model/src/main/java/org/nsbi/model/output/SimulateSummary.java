package org.nsbi.model.output;

import java.util.Map;

/**
 * simulate.json of {@code simulate}.
 *
 * @param command  "simulate"
 * @param seed     the run seed
 * @param samples  each generated sample by name
 * @param observed the observed data set, or null when none was drawn
 * @param seconds  wall time of the command
 */
public record SimulateSummary(String command, long seed, Map<String, Sample> samples, Observed observed, double seconds)
        implements TimedSummary<SimulateSummary> {

    /**
     * A generated sample.
     *
     * @param events its events
     * @param yield  the expected events of its process
     * @param path   its folder, relative to the output
     */
    public record Sample(long events, double yield, String path) {
    }

    /**
     * The observed data set.
     *
     * @param muTrue    the true &mu;
     * @param alphaTrue the true nuisance parameters (energy_scale, ni_norm, ni_shape)
     * @param nObs      its events
     * @param aux       the aux measurements drawn with it
     * @param path      its folder, relative to the output
     */
    public record Observed(double muTrue, double[] alphaTrue, int nObs, double[] aux, String path) {
    }

    @Override
    public SimulateSummary withSeconds(double s) {
        return new SimulateSummary(command, seed, samples, observed, s);
    }
}
