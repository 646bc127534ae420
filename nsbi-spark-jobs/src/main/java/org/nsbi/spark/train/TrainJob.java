package org.nsbi.spark.train;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.SparkSession;
import org.nsbi.model.config.EventSource;
import org.nsbi.model.config.TrainedConfigWriter;
import org.nsbi.model.config.TrainingConfig;
import org.nsbi.model.output.TrainReport;
import org.nsbi.model.progress.ProgressLine;
import org.nsbi.spark.io.OutputFolder;
import org.nsbi.stats.random.ToyRandom;

/**
 * Trains every ratio of a {@link TrainingConfig}, {@code ensemble} networks each, one after the other (each training
 * is itself a distributed MLlib job), and writes {@code onnx/<ratio>_<k>.onnx} into the output folder.
 *
 * <p>Member k of ratio R: simulated samples drawn with their config seed + k (so members see different events;
 * samples from files are shared and differ only in the thinning), keep decisions seeded with (seed, "R/k"), and
 * MLlib's seed the first draw of the stream {@link ToyRandom#of}(seed, "train-mlp/R/k").
 */
public final class TrainJob {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(TrainJob.class);

    private TrainJob() {
    }

    /** Trains and writes the networks; returns one report per network (for train.json). */
    public static List<TrainReport.Network> run(SparkSession spark, TrainingConfig config, OutputFolder out,
                                                int blockSize) {
        TrainingConfig.Settings s = config.settings();
        List<TrainReport.Network> reports = new ArrayList<>();
        ProgressLine progress = ProgressLine.onStderr("train", "networks", (long) config.ratios().size() * s.ensemble());
        for (TrainingConfig.Ratio ratio : config.ratios()) {
            for (int k = 0; k < s.ensemble(); k++) {
                String stream = ratio.name() + "/" + k;
                String name = ratio.name() + "_" + k;
                spark.sparkContext().setJobDescription("nsbi train " + name);
                TrainingSet set = TrainingSet.build(spark, member(ratio.numerator(), k), member(ratio.denominator(), k),
                        config.features(), s.events(), s.seed(), stream, blockSize);
                try {
                    long mlpSeed = ToyRandom.of(s.seed(), "train-mlp/" + stream).nextLong();
                    ClassifierTrainer.Trained t = ClassifierTrainer.train(set, s.hiddenLayers(), s.maxIterations(),
                            mlpSeed, name);
                    String path = TrainedConfigWriter.onnxPath(ratio.name(), k);
                    out.writeBytes(path, t.onnx());
                    reports.add(TrainReport.Network.of(ratio.name(), k, path, t.report()));
                    LOG.info(String.format(Locale.ROOT,
                            "[train] %s: %d + %d events, %d iterations, loss %.5f, %.1f s", name, set.label1(),
                            set.label0(), t.report().iterations(), t.report().trainingLoss(), t.report().seconds()));
                } finally {
                    set.release();
                }
                progress.advance(1);
            }
        }
        return reports;
    }

    /** Member k's samples: simulated ones with seed + k, files as they are. */
    static List<EventSource> member(List<EventSource> sources, int k) {
        List<EventSource> out = new ArrayList<>();
        for (EventSource source : sources) {
            out.add(source instanceof EventSource.Simulated sim
                    ? new EventSource.Simulated(sim.name(), sim.sample(), sim.events(), sim.seed() + k) : source);
        }
        return out;
    }
}
