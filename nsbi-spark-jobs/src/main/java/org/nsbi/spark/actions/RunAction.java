package org.nsbi.spark.actions;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.apache.spark.sql.SparkSession;
import org.nsbi.model.config.AnalysisConfig;
import org.nsbi.model.output.Provenance;
import org.nsbi.model.output.NeymanSummary;
import org.nsbi.model.output.RunSummary;
import org.nsbi.model.output.ScoreSummary;
import org.nsbi.model.output.StageTime;
import org.nsbi.spark.provenance.ConfigProvenance;
import org.nsbi.model.report.Report;
import org.nsbi.spark.report.RunReader;
import org.nsbi.stats.model.MixtureModel;

/**
 * The whole chain on one analysis, in one output folder: score, the Neyman construction, the observed interval, the
 * Asimov interval at {@link #asimov}, and the report. The stages' own settings are set on them through
 * {@link #score}, {@link #neyman} and {@link #interval}; their output settings are this action's.
 */
public final class RunAction extends AnalysisAction<RunAction> {

    /** The &mu; of the Asimov data set whose interval is computed beside the observed one, unless set. */
    public static final double ASIMOV = 1;

    private final String command;
    private final ScoreAction score;
    private final NeymanAction neyman;
    private final IntervalAction interval;
    private double asimov = ASIMOV;

    RunAction(SparkSession spark, String command) {
        super(spark);
        this.command = command;
        this.score = new ScoreAction(spark);
        this.neyman = new NeymanAction(spark);
        this.interval = new IntervalAction(spark);
    }

    @Override
    protected RunAction self() {
        return this;
    }

    @Override
    protected boolean extendable() {
        return true;
    }

    /** Sets the scoring stage's settings. */
    public RunAction score(Consumer<ScoreAction> settings) {
        settings.accept(score);
        return this;
    }

    /** Sets the Neyman construction's settings. */
    public RunAction neyman(Consumer<NeymanAction> settings) {
        settings.accept(neyman);
        return this;
    }

    /** Sets the interval stages' settings. */
    public RunAction interval(Consumer<IntervalAction> settings) {
        settings.accept(interval);
        return this;
    }

    /** The &mu; of the Asimov data set (nuisance parameters 0) whose interval is computed beside the observed one. */
    public RunAction asimov(double mu) {
        this.asimov = finite("--asimov", mu);
        return this;
    }

    /** What {@link #execute()} wrote: summary.json's record, and the observed and Asimov tables to show. */
    public record Result(RunSummary summary, List<IntervalAction.Stage> intervals) {
    }

    /** Runs the chain into the output folder. */
    public Result execute() {
        AnalysisConfig analysis = analysis();
        MixtureModel model = model();
        score.config(analysis);
        neyman.config(analysis);
        interval.config(analysis);
        checkOutput();
        neyman.checkTogether(analysis, model);
        Provenance provenance = ConfigProvenance.of(analysis, hadoop());
        IntervalAction.Stage[] stages = new IntervalAction.Stage[2];
        RunSummary summary = write("summary.json", out -> {
            out.mark(ConfigProvenance.marker(command, provenance));
            String staged = out.stagingRoot();
            StageTime.Clock clock = new StageTime.Clock();
            ScoreSummary scored = score.scoreInto(out, analysis, provenance);
            clock.end(StageTime.Stage.SCORE);
            NeymanAction.Construction r = neyman.stage(out, staged);
            clock.skip(); // the construction times its own stages
            boolean smooth = NeymanSummary.SMOOTH.equals(r.summary().criticalValues());
            stages[0] = interval.stage(out, staged, r.belt(), smooth, null, "scan.csv");
            clock.end(StageTime.Stage.OBSERVED_INTERVAL);
            stages[1] = interval.stage(out, staged, r.belt(), smooth, asimov, "scan-asimov.csv");
            clock.end(StageTime.Stage.ASIMOV_INTERVAL);
            List<StageTime> times = new ArrayList<>(clock.times());
            times.addAll(1, r.stages());
            return new RunSummary(RunInfos.of(spark, command, analysis), null, scored, r.summary(), stages[0].result(),
                    stages[1].result(), provenance, times, 0);
        }, (out, written) -> {
            long start = System.nanoTime();
            Report.of(RunReader.read(spark, out.stagingRoot(), List.of(), null)).write(out, "report/");
            return written.withStage(new StageTime(StageTime.Stage.REPORT, (System.nanoTime() - start) / 1e9));
        });
        return new Result(summary, List.of(stages));
    }
}
