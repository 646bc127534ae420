package org.nsbi.spark.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import org.nsbi.spark.jobs.SimulateJob;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "simulate", mixinStandardHelpOptions = true,
        description = {"Generates samples of the off-shell toy and an observed data set, in parallel on Spark,",
                "as per-event Parquet tables (m, c, y, weight) under DIR/samples/<name> and DIR/observed."})
public final class SimulateCommand implements Callable<Integer> {

    @Mixin
    SparkOptions spark;

    @Mixin
    OutputOptions output;

    @Option(names = "--samples", split = ",", paramLabel = "NAME",
            description = "Samples to generate (S, B, SBI, NI, and variations such as SBI_energy_scale_up). Default: ${DEFAULT-VALUE}.",
            defaultValue = "S,B,SBI,NI")
    List<String> samples;

    @Option(names = "--events", description = "Events per sample. Default: ${DEFAULT-VALUE}.", defaultValue = "1000000")
    long events;

    @Option(names = "--block-size", description = "Events per generated block. Default: ${DEFAULT-VALUE}.", defaultValue = "8192")
    int blockSize;

    @Option(names = "--seed", description = "Run seed. Default: ${DEFAULT-VALUE}.", defaultValue = "20261123")
    long seed;

    @Option(names = "--observed-mu", description = "Also draw an observed data set at this mu (nuisance parameters at --observed-alpha).")
    Double observedMu;

    @Option(names = "--observed-alpha", split = ",", description = "True energy_scale,ni_norm,ni_shape of the observed data. Default: 0,0,0.",
            defaultValue = "0,0,0")
    double[] observedAlpha;

    @Override
    public Integer call() {
        SimulateJob.Settings settings = new SimulateJob.Settings(samples, events, blockSize, seed, observedMu, observedAlpha);
        SparkSession session = spark.session("nsbi simulate");
        return output.run(session, "simulate.json", out -> {
            Map<String, Object> summary = new LinkedHashMap<>();
            summary.put("command", "simulate");
            summary.put("seed", seed);
            summary.putAll(SimulateJob.run(session, settings, out));
            return OutputOptions.untyped(summary);
        });
    }
}
