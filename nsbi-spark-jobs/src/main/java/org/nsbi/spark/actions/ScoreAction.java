package org.nsbi.spark.actions;

import org.apache.spark.sql.SparkSession;
import org.nsbi.model.config.AnalysisConfig;
import org.nsbi.model.output.Json;
import org.nsbi.model.output.Provenance;
import org.nsbi.model.output.ScoreSummary;
import org.nsbi.model.score.ScoringPlan;
import org.nsbi.spark.io.OutputFolder;
import org.nsbi.spark.provenance.ConfigProvenance;
import org.nsbi.spark.score.ScoreJob;

/**
 * Scores every reference and observed event once with the analysis's ratio networks: writes {@code scored/reference},
 * {@code scored/observed} and scored.json (the closure of each ratio on the reference sample, the observed aux
 * measurements, the provenance).
 */
public final class ScoreAction extends AnalysisAction<ScoreAction> {

    /** Events per scoring block, unless {@link #blockSize} says otherwise. */
    public static final int BLOCK_SIZE = 4096;

    private int blockSize = BLOCK_SIZE;

    ScoreAction(SparkSession spark) {
        super(spark);
    }

    @Override
    protected ScoreAction self() {
        return this;
    }

    /** Events per scoring block. */
    public ScoreAction blockSize(int events) {
        this.blockSize = atLeast("--block-size", events, 1);
        return this;
    }

    /** Scores into the output folder; returns scored.json's record. */
    public ScoreSummary execute() {
        AnalysisConfig config = analysis();
        checkOutput();
        Provenance provenance = ConfigProvenance.of(config, hadoop());
        return into(out -> {
            out.mark(ConfigProvenance.marker("score", provenance));
            return scoreInto(out, config, provenance);
        });
    }

    /** The stage: scores into {@code out}, writing {@code scored/} and scored.json with {@code provenance}. */
    ScoreSummary scoreInto(OutputFolder out, AnalysisConfig config, Provenance provenance) {
        long start = System.nanoTime();
        ScoringPlan plan = ScoringPlan.of(config, files());
        ScoreSummary summary = ScoreJob.run(spark, config, plan, out, blockSize).withProvenance(provenance)
                .withSeconds((System.nanoTime() - start) / 1e9);
        out.writeText("scored.json", Json.write(summary));
        return summary;
    }
}
