package org.nsbi.spark.actions;

import org.apache.spark.sql.SparkSession;

/**
 * The one entry point to what nsbi does, as fluent actions on a Spark session:
 * <pre>{@code
 * NsbiActions.get(spark).neyman().config(Path.of("analysis.yaml")).scored("scored").toys(500).out("belts").execute();
 * }</pre>
 * Each setter checks its value when it is set (a {@link org.nsbi.model.UserError} naming the value and the rule);
 * {@code execute()} checks the settings that go together and the inputs before any data is read, then runs on Spark and
 * returns the records it wrote. Each default lives in its action, as a constant. The commands only parse options into
 * one chain.
 */
public final class NsbiActions {

    private final SparkSession spark;

    private NsbiActions(SparkSession spark) {
        this.spark = spark;
    }

    /** The actions on this session. */
    public static NsbiActions get(SparkSession spark) {
        return new NsbiActions(spark);
    }

    /** Scores the reference sample and the observed data with the analysis's ratios. */
    public ScoreAction score() {
        return new ScoreAction(spark);
    }

    /** The Neyman construction from a scored folder. */
    public NeymanAction neyman() {
        return new NeymanAction(spark);
    }

    /** The observed (or an Asimov) interval from a run's belts. */
    public IntervalAction interval() {
        return new IntervalAction(spark);
    }

    /** The coverage of a run's intervals, from experiments drawn at the truth. */
    public CoverageAction coverage() {
        return new CoverageAction(spark);
    }

    /** The plots and report.html of a run. */
    public ReportAction report() {
        return new ReportAction(spark);
    }

    /** Trains the ratio networks of a config's training section. */
    public TrainAction train() {
        return new TrainAction(spark);
    }

    /** Checks trained ratios against samples of their numerators and denominators. */
    public ValidateAction validate() {
        return new ValidateAction(spark);
    }

    /** Generates off-shell toy samples and an observed data set. */
    public SimulateAction simulate() {
        return new SimulateAction(spark);
    }

    /** The whole chain (score, Neyman, the observed and Asimov intervals, the report) in one folder, as {@code run}. */
    public RunAction run() {
        return new RunAction(spark, "run");
    }

    /** The whole chain as {@code demo} records it (the same as {@link #run()} but for the command's name). */
    public RunAction demo() {
        return new RunAction(spark, "demo");
    }
}
