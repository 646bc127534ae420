package org.nsbi.model.output;

import java.util.List;

/**
 * What ran, and where: the head of every summary.json.
 *
 * @param command            the nsbi command (neyman, run, demo, interval)
 * @param config             the analysis config's file
 * @param sparkMaster        the Spark master URL
 * @param defaultParallelism Spark's default parallelism (cores)
 * @param processes          the processes as {@code name: coefficient}
 * @param nuisanceParameters the nuisance parameters' names, in the model's order
 * @param normaliseRatios    the config's {@code normalise_ratios}: each process ratio divided by its closure
 */
public record RunInfo(String command, String config, String sparkMaster, int defaultParallelism,
                      List<String> processes, List<String> nuisanceParameters, boolean normaliseRatios) {

    public RunInfo {
        processes = List.copyOf(processes);
        nuisanceParameters = List.copyOf(nuisanceParameters);
    }
}
