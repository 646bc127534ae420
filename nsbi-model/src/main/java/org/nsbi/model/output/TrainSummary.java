package org.nsbi.model.output;

/**
 * summary.json of {@code train}.
 *
 * @param command  "train"
 * @param networks the networks trained (ratios &times; ensemble)
 * @param ratios   the ratios trained
 * @param seconds  wall time of the command
 */
public record TrainSummary(String command, int networks, int ratios, double seconds) implements TimedSummary<TrainSummary> {

    @Override
    public TrainSummary withSeconds(double s) {
        return new TrainSummary(command, networks, ratios, s);
    }
}
