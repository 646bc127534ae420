package org.nsbi.spark.cli;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import org.nsbi.spark.actions.NsbiActions;
import org.nsbi.spark.actions.TrainAction;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "train", mixinStandardHelpOptions = true,
        header = "Trains the ratio networks of a config's training section and writes them as ONNX.",
        description = {"Trains the density-ratio networks of a config's training section with Spark MLlib (a calibrated",
                "classifier per ratio, an ensemble of seeds each) and writes them as ONNX: DIR/onnx/<ratio>_<k>.onnx,",
                "DIR/ratios.yaml (the ratio entries for an analysis config), DIR/analysis.yaml (the config's analysis",
                "with the trained ratios, when it has one) and DIR/train.json (per network: events, iterations, loss, seconds)."})
public final class TrainCommand implements Callable<Integer> {

    @Mixin
    SparkOptions spark;

    @Mixin
    OutputOptions output;

    @Option(names = "--config", required = true, paramLabel = "FILE",
            description = "The config with a training section (YAML; format in nsbi-model/CONFIG.md).")
    String config;

    @Option(names = "--block-size", paramLabel = "N", defaultValue = "" + TrainAction.BLOCK_SIZE,
            description = "Events per read block. Default: ${DEFAULT-VALUE}.")
    int blockSize;

    @Override
    public Integer call() {
        TrainAction action = output.applyTo(NsbiActions.get(spark.sessionWithMlFunctions("nsbi train", Map.of())).train()).config(Path.of(config))
                .blockSize(blockSize);
        action.execute();
        output.wrote(action);
        return 0;
    }
}
