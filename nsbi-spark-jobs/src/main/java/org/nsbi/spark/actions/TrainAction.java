package org.nsbi.spark.actions;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.nsbi.model.UserError;
import org.nsbi.model.config.TrainingConfig;
import org.nsbi.model.output.Json;
import org.nsbi.spark.train.TrainJob;
import org.nsbi.model.config.TrainedConfigWriter;

/**
 * Trains the density-ratio networks of a config's training section with Spark MLlib (a calibrated classifier per
 * ratio, an ensemble of seeds each) and writes them as ONNX, with ratios.yaml (the ratio entries for an analysis
 * config), analysis.yaml (the config's analysis with the trained ratios, when it has one), train.json (per network)
 * and summary.json.
 */
public final class TrainAction extends WritingAction<TrainAction> {

    /** Events per read block, unless {@link #blockSize} says otherwise. */
    public static final int BLOCK_SIZE = 8192;

    private Path config;
    private int blockSize = BLOCK_SIZE;

    TrainAction(SparkSession spark) {
        super(spark);
    }

    @Override
    protected TrainAction self() {
        return this;
    }

    /** The config with a training section (YAML; format in nsbi-model/CONFIG.md). */
    public TrainAction config(Path file) {
        if (file == null) {
            throw new UserError("--config is empty; expected the config with a training section");
        }
        this.config = file;
        return this;
    }

    /** Events per read block. */
    public TrainAction blockSize(int events) {
        this.blockSize = SettingCheck.atLeast("--block-size", events, 1);
        return this;
    }

    /** Trains and writes the networks; returns train.json's report of each network. */
    public List<Map<String, Object>> execute() {
        if (config == null) {
            throw new UserError("no config; expected --config FILE with a training section");
        }
        TrainingConfig training = AnalysisAction.parser(spark).parseTraining(config);
        String text;
        try {
            text = Files.readString(config);
        } catch (IOException e) {
            throw new UserError("cannot read " + config + ": " + e.getMessage(), e);
        }
        String configDir = config.toAbsolutePath().getParent().toString();
        checkOutput();
        return into(out -> {
            long start = System.nanoTime();
            List<Map<String, Object>> networks = TrainJob.run(spark, training, out, blockSize);
            Map<String, Object> report = new LinkedHashMap<>();
            report.put("config", config.toAbsolutePath().toString());
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
            summary.put("seconds", (System.nanoTime() - start) / 1e9);
            out.writeText("summary.json", Json.write(summary));
            return networks;
        });
    }
}
