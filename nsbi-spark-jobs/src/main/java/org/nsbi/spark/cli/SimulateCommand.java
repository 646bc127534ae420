package org.nsbi.spark.cli;

import java.util.List;
import java.util.concurrent.Callable;
import org.nsbi.spark.actions.NsbiActions;
import org.nsbi.spark.actions.SimulateAction;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "simulate", mixinStandardHelpOptions = true,
        header = "Generates off-shell toy samples and an observed data set as Parquet tables.",
        description = {"Generates samples of the off-shell toy and an observed data set, in parallel on Spark,",
                "as per-event Parquet tables (m, c, y, weight) under DIR/samples/<name> and DIR/observed."})
public final class SimulateCommand implements Callable<Integer> {

    @Mixin
    SparkOptions spark;

    @Mixin
    OutputOptions output;

    @Option(names = "--samples", split = ",", paramLabel = "NAME",
            description = "Samples to generate (S, B, SBI, NI, and variations such as SBI_energy_scale_up). Default: ${DEFAULT-VALUE}.",
            defaultValue = SimulateAction.SAMPLES)
    List<String> samples;

    @Option(names = "--events", paramLabel = "N", description = "Events per sample. Default: ${DEFAULT-VALUE}.",
            defaultValue = "" + SimulateAction.EVENTS)
    long events;

    @Option(names = "--block-size", paramLabel = "N", description = "Events per generated block. Default: ${DEFAULT-VALUE}.",
            defaultValue = "" + SimulateAction.BLOCK_SIZE)
    int blockSize;

    @Option(names = "--seed", paramLabel = "SEED", description = "Run seed. Default: ${DEFAULT-VALUE}.", defaultValue = "" + SimulateAction.SEED)
    long seed;

    @Option(names = "--observed-mu", paramLabel = "MU", description = "Also draw an observed data set at this mu (nuisance parameters at --observed-alpha).")
    Double observedMu;

    @Option(names = "--observed-alpha", paramLabel = "ALPHA", split = ",", description = "True energy_scale,ni_norm,ni_shape of the observed data. Default: ${DEFAULT-VALUE}.",
            defaultValue = SimulateAction.OBSERVED_ALPHA)
    double[] observedAlpha;

    @Override
    public Integer call() {
        SimulateAction action = output.applyTo(NsbiActions.get(spark.session("nsbi simulate")).simulate()).samples(samples)
                .events(events).blockSize(blockSize).seed(seed).observedAlpha(observedAlpha);
        if (observedMu != null) {
            action.observedMu(observedMu);
        }
        action.execute();
        output.wrote(action);
        return 0;
    }
}
