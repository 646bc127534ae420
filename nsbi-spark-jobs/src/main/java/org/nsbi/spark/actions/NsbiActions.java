package org.nsbi.spark.actions;

import java.util.Map;
import org.apache.spark.sql.SparkSession;

/**
 * The one entry point to what nsbi does, as fluent actions on a Spark session:
 * <pre>{@code
 * NsbiActions.get(spark).neyman().config(Path.of("analysis.yaml")).scored("scored").toys(500).out("belts").execute();
 * }</pre>
 * Each setter checks its value when it is set (a {@link org.nsbi.model.UserError} naming the value and the rule);
 * {@code execute()} checks the settings that go together and the inputs before any data is read, then runs on Spark and
 * returns the records it wrote. Each default lives in its action, as a constant. The commands only parse options into
 * one chain. {@link #serve()} needs a session started with the Connect plugin: give it {@link #starting} a starter.
 */
public final class NsbiActions {

    private SparkSession spark;
    private final SparkStarter starter;

    private NsbiActions(SparkSession spark, SparkStarter starter) {
        this.spark = spark;
        this.starter = starter;
    }

    /** The actions on this session. */
    public static NsbiActions get(SparkSession spark) {
        return new NsbiActions(spark, settings -> spark);
    }

    /**
     * The actions on a session that {@code starter} starts when first needed: by {@link #serve()}'s
     * {@code execute()}, with the settings it needs; by any other action when it is made, with none.
     */
    public static NsbiActions starting(SparkStarter starter) {
        return new NsbiActions(null, starter);
    }

    private SparkSession session() {
        if (spark == null) {
            spark = starter.start(Map.of());
        }
        return spark;
    }

    /** Scores the reference sample and the observed data with the analysis's ratios. */
    public ScoreAction score() {
        return new ScoreAction(session());
    }

    /** The Neyman construction from a scored folder. */
    public NeymanAction neyman() {
        return new NeymanAction(session());
    }

    /** The observed (or an Asimov) interval from a run's belts. */
    public IntervalAction interval() {
        return new IntervalAction(session());
    }

    /** The coverage of a run's intervals, from experiments drawn at the truth. */
    public CoverageAction coverage() {
        return new CoverageAction(session());
    }

    /** The plots and report.html of a run. */
    public ReportAction report() {
        return new ReportAction(session());
    }

    /** Trains the ratio networks of a config's training section. */
    public TrainAction train() {
        return new TrainAction(session());
    }

    /** Checks trained ratios against samples of their numerators and denominators. */
    public ValidateAction validate() {
        return new ValidateAction(session());
    }

    /** Generates off-shell toy samples and an observed data set. */
    public SimulateAction simulate() {
        return new SimulateAction(session());
    }

    /** The whole chain (score, Neyman, the observed and Asimov intervals, the report) in one folder, as {@code run}. */
    public RunAction run() {
        return new RunAction(session(), "run");
    }

    /** The whole chain as {@code demo} records it (the same as {@link #run()} but for the command's name). */
    public RunAction demo() {
        return new RunAction(session(), "demo");
    }

    /**
     * Serves the runs under a folder to Spark Connect clients. Its {@code execute()} starts the session with the
     * Connect plugin through the starter of {@link #starting}; on a session given to {@link #get} it refuses to run
     * unless that session was started with the plugin.
     */
    public ServeAction serve() {
        return new ServeAction(spark != null ? settings -> spark : starter);
    }
}
