package org.nsbi.spark.actions;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.nsbi.model.UserError;
import org.nsbi.model.config.TrainingConfig;
import org.nsbi.model.output.Json;
import org.nsbi.model.output.TrainReport;
import org.nsbi.model.output.TrainSummary;
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
        this.blockSize = atLeast("--block-size", events, 1);
        return this;
    }

    /** Trains and writes the networks; returns train.json's record (summary.json has the counts). */
    public TrainReport execute() {
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
        TrainReport[] report = new TrainReport[1];
        write("summary.json", out -> {
            List<TrainReport.Network> networks = TrainJob.run(spark, training, out, blockSize);
            report[0] = new TrainReport(config.toAbsolutePath().toString(), training.settings(), networks);
            out.writeText("train.json", Json.write(report[0]));
            out.writeText("ratios.yaml", TrainedConfigWriter.fragment(training));
            String analysis = TrainedConfigWriter.analysis(text, configDir, training);
            if (analysis != null) {
                out.writeText("analysis.yaml", analysis);
            }
            return new TrainSummary("train", networks.size(), training.ratios().size(), 0);
        }, out -> { });
        return report[0];
    }
}
