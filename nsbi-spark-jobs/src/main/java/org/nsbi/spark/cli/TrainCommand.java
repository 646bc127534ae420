package org.nsbi.spark.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import org.nsbi.model.UserError;
import org.nsbi.model.config.TrainedConfigWriter;
import org.nsbi.model.config.TrainingConfig;
import org.nsbi.model.output.Json;
import org.nsbi.spark.train.TrainJob;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "train", mixinStandardHelpOptions = true,
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

    @Option(names = "--block-size", defaultValue = "8192", description = "Events per read block. Default: ${DEFAULT-VALUE}.")
    int blockSize;

    @Override
    public Integer call() {
        if (blockSize < 1) {
            throw new UserError("--block-size = " + blockSize + "; expected at least 1");
        }
        SparkSession session = spark.session("nsbi train");
        Path file = Path.of(config);
        TrainingConfig training = ConfigOption.parser(session).parseTraining(file);
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new UserError("cannot read " + file + ": " + e.getMessage(), e);
        }
        String configDir = file.toAbsolutePath().getParent().toString();
        return output.run(session, "train", "summary.json", out -> {
            List<Map<String, Object>> networks = TrainJob.run(session, training, out, blockSize);
            Map<String, Object> report = new LinkedHashMap<>();
            report.put("config", file.toAbsolutePath().toString());
            report.put("settings", training.settings());
            report.put("networks", networks);
            out.writeText("train.json", Json.write(report));
            out.writeText("ratios.yaml", TrainedConfigWriter.fragment(training));
            String analysis = TrainedConfigWriter.analysis(text, configDir, training);
            if (analysis != null) {
                out.writeText("analysis.yaml", analysis);
            }
            Map<String, Object> summary = new LinkedHashMap<>();
            summary.put("command", "train");
            summary.put("networks", networks.size());
            summary.put("ratios", training.ratios().size());
            return OutputOptions.untyped(summary);
        });
    }
}
