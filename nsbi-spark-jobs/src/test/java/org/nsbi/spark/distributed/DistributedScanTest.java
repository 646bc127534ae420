package org.nsbi.spark.distributed;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.Test;
import org.nsbi.model.synthetic.SyntheticAnalysis;
import org.nsbi.model.synthetic.SyntheticSpec;
import org.nsbi.spark.SharedSpark;
import org.nsbi.spark.jobs.SyntheticJob;
import org.nsbi.stats.belt.Belt;
import org.nsbi.stats.belt.BeltPoint;
import org.nsbi.stats.interval.ConfidenceInterval;
import org.nsbi.stats.interval.ObservedScan;
import org.nsbi.stats.likelihood.AsimovWeights;
import org.nsbi.stats.likelihood.Nll;
import org.nsbi.stats.model.EventTable;
import org.nsbi.stats.model.EventTables;
import org.nsbi.stats.model.MixtureModel;

/**
 * The Asimov and observed scans with the events kept on the executors (the fits in lockstep, one Spark job per round
 * of their evaluations) equal the single-JVM scans to 1e-9 in t, for several partitionings of the same events, and
 * are the same to the last bit when run again.
 */
class DistributedScanTest {

    private static final SyntheticAnalysis ANALYSIS = SyntheticAnalysis.of(new SyntheticSpec(3, 2, 4, 2400, 200, 31));
    private static final int STEPS = 6;

    /** A belt with t_c = 1 and 4 at every mu of 0, 0.5, .., 3 (the critical values do not matter here). */
    private static Belt belt() {
        StringBuilder csv = new StringBuilder(BeltPoint.CSV_HEADER).append('\n');
        for (int m = 0; m <= 6; m++) {
            csv.append(m * 0.5).append(",0.6827,1,1,1,100,0,0,1,false,0\n");
            csv.append(m * 0.5).append(",0.9545,4,4,4,100,0,0,1,false,0\n");
        }
        return Belt.fromCsv(csv.toString(), "test belt");
    }

    /** The reference sample in one table, block after block, as the single-JVM path holds it. */
    private static EventTable wholeReference(MixtureModel model) {
        List<EventTable> blocks = new ArrayList<>();
        for (int b = 0; b < ANALYSIS.spec().blocks(); b++) {
            blocks.add(ANALYSIS.referenceBlock(b).table());
        }
        return EventTables.concat(model, blocks);
    }

    private static void assertSameScan(ObservedScan.Result expected, ObservedScan.Result actual, String what) {
        assertEquals(expected.t().length, actual.t().length, what + ": scan points");
        for (int i = 0; i < expected.t().length; i++) {
            assertEquals(expected.mu()[i], actual.mu()[i], 0, what + ": mu of point " + i);
            assertEquals(expected.t()[i], actual.t()[i], 1e-9, what + ": t at mu = " + expected.mu()[i]);
        }
        assertEquals(expected.global().mu(), actual.global().mu(), 1e-6, what + ": mu-hat");
        assertEquals(expected.intervals().size(), actual.intervals().size(), what + ": intervals");
        for (int j = 0; j < expected.intervals().size(); j++) {
            ConfidenceInterval e = expected.intervals().get(j);
            ConfidenceInterval a = actual.intervals().get(j);
            assertEquals(e.pieces().size(), a.pieces().size(), what + ": pieces of interval " + j);
            for (int p = 0; p < e.pieces().size(); p++) {
                assertEquals(e.pieces().get(p)[0], a.pieces().get(p)[0], 1e-6, what + ": interval " + j + " lower end");
                assertEquals(e.pieces().get(p)[1], a.pieces().get(p)[1], 1e-6, what + ": interval " + j + " upper end");
            }
        }
    }

    @Test
    void theAsimovScanOnTheExecutorsEqualsTheSingleJvmScan() {
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(SharedSpark.session().sparkContext());
        MixtureModel model = ANALYSIS.model();
        double[] zero = new double[model.nuisanceCount()];
        EventTable whole = wholeReference(model);
        AsimovWeights weights = AsimovWeights.compute(model, whole, 1.0, zero);
        Nll single = Nll.of(model, whole, weights.weights(), zero);
        ObservedScan.Result expected = ObservedScan.run(single, belt(), STEPS);
        // the fits' evaluations (each a Spark job when they run one after another), the scans at fixed alpha not counted
        long fitEvaluations = single.evaluationCounts().entrySet().stream().filter(e -> e.getKey() != Nll.Stage.SCAN)
                .mapToLong(java.util.Map.Entry::getValue).sum();
        for (int slices : new int[] {1, 4}) {
            try (DistributedEvents reference = DistributedEvents.of(SyntheticJob.reference(jsc, ANALYSIS, slices), model);
                 DistributedEvents.Asimov asimov = reference.asimov(1.0, zero)) {
                assertEquals(whole.size(), reference.events(), "events");
                assertEquals(weights.closure(), asimov.closure(), 1e-12, "Asimov closure with " + slices + " slices");
                assertEquals(whole.size(), asimov.nll().nll().events(), "events with Asimov weight > 0");
                ObservedScan.Result actual = ObservedScan.run(asimov.nll().nll(), belt(), STEPS);
                assertSameScan(expected, actual, "Asimov scan with " + slices + " slices");
                long jobs = asimov.nll().jobs();
                // one after another, every evaluation would be a job of its own; in lockstep at least one per scanned
                // point shares a job with another
                assertTrue(jobs > 3 && jobs <= fitEvaluations - STEPS, "the fits' " + fitEvaluations
                        + " evaluations ran on the executors in lockstep, in " + jobs + " jobs");
                ObservedScan.Result again = ObservedScan.run(asimov.nll().nll(), belt(), STEPS);
                assertArrayEquals(actual.t(), again.t(), 0, "the same scan twice: the same t to the last bit");
                System.err.println("[DistributedScanTest] Asimov scan, " + slices + " slices: " + jobs + " Spark jobs for "
                        + fitEvaluations + " evaluations");
            }
        }
    }

    /**
     * The commands' scan of 100 steps on Asimov data: the grid's conditional fits start from fits already done at
     * neighbouring points (waves), so most of them converge at their start, and the whole scan, refinements included,
     * takes fewer than two conditional evaluations per scanned point (151 for 101 points; with every point started at
     * the global fit's &alpha;&#770; and the ends refined by Brent from the grid points it took 456).
     */
    @Test
    void aFineAsimovScanTakesFewerThanTwoConditionalEvaluationsPerPoint() {
        MixtureModel model = ANALYSIS.model();
        double[] zero = new double[model.nuisanceCount()];
        EventTable whole = wholeReference(model);
        Nll single = Nll.of(model, whole, AsimovWeights.compute(model, whole, 1.0, zero).weights(), zero);
        int steps = 100;
        ObservedScan.run(single, belt(), steps);
        long conditional = single.evaluationCounts().get(Nll.Stage.CONDITIONAL);
        System.err.println("[DistributedScanTest] Asimov scan of " + steps + " steps: " + conditional
                + " conditional evaluations");
        assertTrue(conditional < 2 * (steps + 1), conditional + " conditional evaluations for " + (steps + 1)
                + " scanned points");
    }

    @Test
    void theObservedScanOnTheExecutorsEqualsTheSingleJvmScan() {
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(SharedSpark.session().sparkContext());
        MixtureModel model = ANALYSIS.model();
        SyntheticAnalysis.Observation data = ANALYSIS.observed(1.3, 0);
        EventTable observed = data.events().table();
        Nll single = Nll.of(model, observed, null, data.aux());
        ObservedScan.Result expected = ObservedScan.run(single, belt(), STEPS);
        for (int parts : new int[] {3}) {
            try (DistributedEvents events = DistributedEvents.split(jsc, observed, parts, model);
                 DistributedNll nll = events.nll(data.aux())) {
                assertEquals(observed.size(), nll.nll().events(), "observed events");
                assertSameScan(expected, ObservedScan.run(nll.nll(), belt(), STEPS), "observed scan in " + parts + " parts");
            }
        }
    }

    /**
     * With shape_normalisation: per_event the model carries its normalisation (from the reference sample) to the
     * executors, sent once as a broadcast: the scan on the executors equals the single-JVM one, and differs from the
     * scan of the seeds' model (the normalisation is applied there, not lost on the way).
     */
    @Test
    void theObservedScanWithNormalisedShapesOnTheExecutorsEqualsTheSingleJvmScan() {
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(SharedSpark.session().sparkContext());
        MixtureModel seeds = ANALYSIS.model();
        boolean[] flags = new boolean[seeds.nuisanceCount()];
        java.util.Arrays.fill(flags, 0, ANALYSIS.spec().shapeParameters(), true);
        MixtureModel model = seeds.withNormalisedShapes(flags).withShapeNormalisationFrom(wholeReference(seeds));
        SyntheticAnalysis.Observation data = ANALYSIS.observed(1.3, 0);
        EventTable observed = data.events().table();
        ObservedScan.Result expected = ObservedScan.run(Nll.of(model, observed, null, data.aux()), belt(), STEPS);
        ObservedScan.Result plain = ObservedScan.run(Nll.of(seeds, observed, null, data.aux()), belt(), STEPS);
        assertTrue(Math.abs(plain.t()[0] - expected.t()[0]) > 1e-6, "the normalisation changes t: " + plain.t()[0]
                + " against " + expected.t()[0]);
        try (DistributedEvents events = DistributedEvents.split(jsc, observed, 3, model);
             DistributedNll nll = events.nll(data.aux())) {
            assertSameScan(expected, ObservedScan.run(nll.nll(), belt(), STEPS), "observed scan, normalised shapes");
        }
    }
}
