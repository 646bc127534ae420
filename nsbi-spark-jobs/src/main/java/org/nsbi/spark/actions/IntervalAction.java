package org.nsbi.spark.actions;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.nsbi.model.UserError;
import org.nsbi.model.config.AnalysisConfig;
import org.nsbi.model.output.IntervalResult;
import org.nsbi.model.output.IntervalSummary;
import org.nsbi.model.output.Provenance;
import org.nsbi.model.output.RunSummary;
import org.nsbi.spark.distributed.DistributedEvents;
import org.nsbi.spark.distributed.DistributedNll;
import org.nsbi.spark.distributed.Placement;
import org.nsbi.stats.interval.ObservedScan;
import org.nsbi.stats.interval.ResultTable;
import org.nsbi.spark.io.OutputFolder;
import org.nsbi.spark.neyman.NeymanJob;
import org.nsbi.spark.neyman.BeltsTable;
import org.nsbi.spark.provenance.ConfigProvenance;
import org.nsbi.spark.provenance.InputCheck;
import org.nsbi.spark.score.ScoredFolder;
import org.nsbi.spark.score.ScoredTable;
import org.nsbi.stats.belt.Belt;
import org.nsbi.stats.likelihood.AsimovWeights;
import org.nsbi.stats.likelihood.Nll;
import org.nsbi.stats.model.EventTable;
import org.nsbi.stats.model.EventTables;
import org.nsbi.stats.model.MixtureModel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The observed interval (or an Asimov one) from the belts of a {@code neyman} or {@code run} folder: scans t(&mu;)
 * on the data, inverts the belts into the Neyman interval beside the Wilks one, and writes summary.json and scan.csv.
 * The config and the scored folder default to the ones the run's summary names.
 */
public final class IntervalAction extends AnalysisAction<IntervalAction> {

    /** Steps of the t(&mu;) scan across the grid, unless {@link #scanSteps} says otherwise. */
    public static final int SCAN_STEPS = 100;
    /** Where the scanned data set is ({@link Placement}), unless {@link #placement} says otherwise. */
    public static final String PLACEMENT = Placement.AUTO;

    private static final Logger LOG = LoggerFactory.getLogger(IntervalAction.class);

    private String run;
    private String scored;
    private Double asimov;
    private int scanSteps = SCAN_STEPS;
    private String placement = PLACEMENT;

    IntervalAction(SparkSession spark) {
        super(spark);
    }

    @Override
    protected IntervalAction self() {
        return this;
    }

    /** The output folder of {@code neyman} (or {@code run}, {@code demo}) whose belts to invert. */
    public IntervalAction run(String folder) {
        this.run = folder("--run", folder);
        return this;
    }

    /** The output folder of {@code score} (or its {@code scored/}); default: the one the run's belts were built from. */
    public IntervalAction scored(String folder) {
        this.scored = folder("--scored", folder);
        return this;
    }

    /** Use the Asimov data set at this &mu; (nuisance parameters 0) instead of the observed data. */
    public IntervalAction asimov(double mu) {
        this.asimov = finite("--asimov", mu);
        return this;
    }

    /** Steps of the t(&mu;) scan across the grid. */
    public IntervalAction scanSteps(int steps) {
        this.scanSteps = atLeast("--scan-steps", steps, 1);
        return this;
    }

    /**
     * Where the scanned data set is: single (read whole to the driver, scanned on one thread), distributed (blocks
     * stay on the executors, each NLL evaluation a tree aggregate over them), or auto (by its size, {@link Placement}).
     */
    public IntervalAction placement(String where) {
        this.placement = Placement.check(where);
        return this;
    }

    /** An interval's record and its terminal table (the warnings are in the record). */
    public record Stage(IntervalResult result, ResultTable table) {

        /** Prints the table and its warnings (the end of what a command shows). */
        public void print(PrintWriter out) {
            table.print(out, result.warnings());
        }
    }

    /** What {@link #execute()} wrote: summary.json's record, and the table to show. */
    public record Result(IntervalSummary summary, Stage stage) {
    }

    /** Scans and inverts into the output folder. */
    public Result execute() {
        if (run == null) {
            throw new UserError("no run folder; expected --run DIR (the output of 'nsbi neyman' or 'nsbi run')");
        }
        RunSummary runSummary = earlierRun(run);
        AnalysisConfig analysis = analysis();
        MixtureModel model = model();
        checkOutput();
        InputCheck check = new InputCheck(hadoop());
        String scoredDir = check.scoredFolder(scored != null ? scored : runSummary.scored() != null ? runSummary.scored() : run);
        InputCheck.Input scores = check.read(scoredDir, "scored");
        InputCheck.Input neymanRun = check.read(run, "belts");
        Provenance made = ConfigProvenance.of(analysis, hadoop());
        check.sameScoring(scores, made);
        check.sameModel(neymanRun, made);
        check.beltsFromScores(neymanRun, scores);
        Provenance provenance = made.withInput("scored", scores.markerSha256()).withInput("belts", neymanRun.markerSha256());
        String beltsFile = run + "/belts.csv";
        Belt belt = BeltsTable.fromCsv(files().readText(beltsFile), beltsFile);
        Stage[] stage = new Stage[1];
        IntervalSummary summary = write("summary.json", out -> {
            out.mark(ConfigProvenance.marker("interval", provenance));
            stage[0] = stage(out, scoredDir, belt, files().exists(run + "/" + NeymanJob.CRITICAL_VALUES), asimov,
                    "scan.csv");
            return new IntervalSummary(RunInfos.of(spark, "interval", analysis), scoredDir, run, stage[0].result(),
                    provenance, 0);
        }, out -> { });
        return new Result(summary, stage[0]);
    }

    /**
     * The observed (or Asimov at {@code asimovMu}) interval from a belt into an open output folder, its scan written to
     * {@code scanFile}: the stage of {@code execute()} and of the whole chain. {@code smoothBelt}: the belt's critical
     * values are a fit across the grid (its toys are judged together). Where the data set is scanned follows
     * {@link #placement} (auto: by its size from scored.json, before any event is read): whole on the driver, on one
     * thread; or in blocks on the executors ({@link DistributedEvents}), where the Asimov weights are computed and every
     * NLL evaluation of the scan is an aggregate over the blocks, the fits running on the driver. Both give the same
     * t(&mu;) to 1e-9.
     */
    public Stage stage(OutputFolder out, String scoredDir, Belt belt, boolean smoothBelt, Double asimovMu,
                       String scanFile) {
        long start = System.nanoTime();
        AnalysisConfig config = analysis();
        ScoredFolder scores = ScoredFolder.of(spark, scoredDir, config, model());
        MixtureModel model = scores.shaped();
        boolean observed = asimovMu == null;
        Placement where = Placement.choose(placement, scores.events(observed), EventTables.empty(model).stride(),
                spark.sparkContext());
        ObservedScan.Result r;
        double sumOfWeights;
        double[] nominal = new double[model.nuisanceCount()];
        if (where.single()) {
            EventTable events = ScoredTable.load(spark, scores.table(observed), scores.features(), model,
                    scores.ratioScale()).table();
            Nll nll = observed ? Nll.of(model, events, null, scores.observedAux())
                    : Nll.of(model, events, AsimovWeights.compute(model, events, asimovMu, nominal).weights(), nominal);
            r = ObservedScan.run(nll, belt, scanSteps);
            sumOfWeights = nll.sumOfWeights();
        } else {
            try (DistributedEvents events = DistributedEvents.scored(spark, scores.table(observed), scores.features(),
                    model, scores.ratioScale());
                 DistributedNll nll = observed ? events.nll(scores.observedAux()) : events.asimov(asimovMu, nominal).nll()) {
                r = ObservedScan.run(nll.nll(), belt, scanSteps);
                sumOfWeights = nll.nll().sumOfWeights();
            }
        }
        for (String w : r.warnings()) {
            LOG.warn("{}: {}", asimovMu == null ? "observed data" : "Asimov data", w);
        }
        out.writeText(scanFile, r.scanCsv(belt));
        Map<String, Double> alphaHat = new LinkedHashMap<>();
        Map<String, Double> alphaHatError = new LinkedHashMap<>();
        double[] sigma = r.errors().alphaError();
        for (int k = 0; k < model.nuisanceCount(); k++) {
            alphaHat.put(model.nuisances().get(k), r.global().alpha()[k]);
            alphaHatError.put(model.nuisances().get(k), Double.isNaN(sigma[k]) ? null : sigma[k]);
        }
        String data = asimovMu == null ? "observed" : "asimov at mu = " + asimovMu;
        ResultTable table = new ResultTable(data, r.global().mu(), model.nuisances(), r.global().alpha(), sigma,
                r.global().alphaAtBound(), r.intervals());
        return new Stage(new IntervalResult(data, sumOfWeights, r.global().mu(), alphaHat, alphaHatError, r.intervals(),
                table.warnings(belt, asimovMu, smoothBelt), (System.nanoTime() - start) / 1e9, where.record()), table);
    }
}
