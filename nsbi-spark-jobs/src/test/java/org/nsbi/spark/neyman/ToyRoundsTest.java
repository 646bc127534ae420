package org.nsbi.spark.neyman;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nsbi.spark.SharedSpark;
import org.nsbi.spark.io.OutputFolder;
import org.nsbi.stats.adaptive.AdaptiveToys;
import org.nsbi.stats.expr.Coefficient;
import org.nsbi.stats.model.EventTable;
import org.nsbi.stats.model.MixtureModel;
import org.nsbi.stats.model.Process;
import org.nsbi.stats.toys.ToyOutcome;

/**
 * Toys keyed by the mu value and drawn in rounds: a run extended from 200 to 600 toys per point gives the toys of a
 * run of 600 from the start, bit for bit; adding grid points leaves every other point's toys unchanged, and the
 * extended or refined run computes only the new toys.
 */
class ToyRoundsTest {

    private static final List<Double> CLS = List.of(0.6827, 0.9545);

    @TempDir
    static Path dir;
    static MixtureModel model;
    static EventTable reference;

    @BeforeAll
    static void smallModel() {
        // signal mu * 20 events on a background of 50, no nuisance parameters: one-dimensional fits, fast toys
        model = MixtureModel.of(List.of(
                new Process("S", 20, Coefficient.parse("mu"), new double[0], new double[0], new boolean[0]),
                new Process("B", 50, Coefficient.parse("1"), new double[0], new double[0], new boolean[0])),
                List.of(), "mu", 0, 10);
        int n = 200;
        SplittableRandom rng = new SplittableRandom(3);
        float[] w = new float[n];
        float[][] r = new float[2][n];
        java.util.Arrays.fill(w, 1f);
        for (int i = 0; i < n; i++) {
            double x = rng.nextDouble();
            r[0][i] = (float) (2 * x);         // the signal peaks at large x, the background is flat
            r[1][i] = 1f;
        }
        reference = EventTable.of(model, w, r, new float[2][0][], new float[2][0][]);
    }

    private static NeymanJob.Settings settings(double[] grid, int toys) {
        return new NeymanJob.Settings(grid, toys, 64, CLS, 17, new double[grid.length][0], 1.0, 0);
    }

    private static OutputFolder folder(String name, OutputFolder.ExistingPolicy policy) {
        return OutputFolder.create(dir.resolve(name).toString(), policy, SharedSpark.session().sparkContext().hadoopConfiguration());
    }

    /** The toys of a committed run, by (mu, toy). */
    private static List<ToyOutcome> sorted(List<ToyOutcome> toys) {
        List<ToyOutcome> s = new ArrayList<>(toys);
        s.sort(Comparator.comparingDouble(ToyOutcome::muTrue).thenComparingInt(ToyOutcome::toyIndex));
        return s;
    }

    @Test
    void aRunExtendedFrom200To600ToysEqualsARunOf600FromTheStart() {
        double[] grid = {0.5, 2.5};
        OutputFolder fresh = folder("fresh600", OutputFolder.ExistingPolicy.REFUSE);
        NeymanJob.Result once = NeymanJob.run(SharedSpark.session(), model, reference, settings(grid, 600), fresh);
        fresh.commit();

        OutputFolder first = folder("extended", OutputFolder.ExistingPolicy.REFUSE);
        NeymanJob.Result r200 = NeymanJob.run(SharedSpark.session(), model, reference, settings(grid, 200), first);
        assertEquals(400, r200.toys());
        first.abandon(); // the first round's blocks stay in the checkpoints
        OutputFolder second = folder("extended", OutputFolder.ExistingPolicy.RESUME);
        NeymanJob.Result r600 = NeymanJob.run(SharedSpark.session(), model, reference, settings(grid, 600), second);
        second.commit();

        assertEquals(1200, r600.toys());
        assertEquals(800, r600.toysComputed(), "the extension computes toys 200..599 of each point only");
        assertTrue(sorted(once.outcomes()).equals(sorted(r600.outcomes())), "600 toys per point, bit for bit");
        assertEquals(once.belt().toCsv(), r600.belt().toCsv());
        assertTrue(sorted(r200.outcomes()).equals(sorted(r600.outcomes()).stream().filter(o -> o.toyIndex() < 200).toList()),
                "the first 200 toys of the extended run are the 200 of the first round");
    }

    @Test
    void addingGridPointsLeavesEveryOtherPointsToysUnchanged() {
        double[] coarse = {0.0, 1.0, 2.0};
        double[] fine = {0.0, 0.5, 1.0, 1.5, 2.0};
        OutputFolder a = folder("coarse", OutputFolder.ExistingPolicy.REFUSE);
        NeymanJob.Result rc = NeymanJob.run(SharedSpark.session(), model, reference, settings(coarse, 100), a);
        a.abandon();
        OutputFolder b = folder("coarse", OutputFolder.ExistingPolicy.RESUME);
        NeymanJob.Result rf = NeymanJob.run(SharedSpark.session(), model, reference, settings(fine, 100), b);
        b.commit();
        assertEquals(200, rf.toysComputed(), "only the two new points' toys are computed");
        OutputFolder c = folder("fine", OutputFolder.ExistingPolicy.REFUSE);
        NeymanJob.Result fresh = NeymanJob.run(SharedSpark.session(), model, reference, settings(fine, 100), c);
        c.commit();
        assertTrue(sorted(fresh.outcomes()).equals(sorted(rf.outcomes())), "the refined run equals a fresh run of the fine grid");

        for (int m = 0; m < coarse.length; m++) {
            double mu = coarse[m];
            int fineIndex = java.util.Arrays.binarySearch(fine, mu);
            List<ToyOutcome> before = sorted(rc.outcomes()).stream().filter(o -> o.muTrue() == mu).toList();
            List<ToyOutcome> after = sorted(fresh.outcomes()).stream().filter(o -> o.muTrue() == mu).toList();
            assertEquals(100, after.size());
            for (int i = 0; i < 100; i++) {
                ToyOutcome o = before.get(i);
                assertEquals(new ToyOutcome(fineIndex, o.muTrue(), o.toyIndex(), o.t(), o.muHat(), o.alphaHat(),
                        o.converged(), o.failure(), o.nPe(), o.failureReason(), o.atBound()), after.get(i), "mu = " + mu + ", toy " + i
                        + ": the same toy, bit for bit (only its grid index moved)");
            }
        }
    }

    @Test
    void anAdaptiveRunResumedFromItsCheckpointsTakesTheSameDecisionsOnTheSameToys() {
        double[] grid = {0.0, 1.0, 2.0, 3.0};
        // t_obs far above the toys' t at 2 and 3 (decided at once; 2 brackets the endpoint beside 1, 3 does not), near
        // the 68% critical value elsewhere
        AdaptiveToys schedule = new AdaptiveToys(50, 400, 0.0, 2.0, CLS, List.of(new double[] {1.0, 0.5, 200.0, 200.0}));
        OutputFolder whole = folder("adaptive", OutputFolder.ExistingPolicy.REFUSE);
        NeymanJob.Result once = NeymanJob.run(SharedSpark.session(), model, reference, settings(grid, 1), schedule, whole);
        whole.commit();
        List<Integer> counts = new ArrayList<>();
        for (int m = 0; m < grid.length; m++) {
            counts.add(once.belt().point(m, CLS.get(0)).nToys());
        }
        // at 95.45 % no 50 toys can make "outside" certain at 2 sigma (P(all 50 below) = 0.9545^50 = 0.097 > 0.023);
        // 100 can (0.9545^100 = 0.0095): the point far outside stops after the second round
        assertEquals(100, counts.get(3), "decided in the second round: " + counts);
        assertTrue(counts.stream().anyMatch(n -> n > 50), "some point needed more rounds: " + counts);
        assertTrue(counts.stream().allMatch(n -> List.of(50, 100, 200, 400).contains(n)), "rounds of 50, 100, 200, 400: " + counts);

        // interrupted after the first round: the resumed run reads the round back and goes on to the same toys
        OutputFolder part = folder("adaptive-resumed", OutputFolder.ExistingPolicy.REFUSE);
        NeymanJob.run(SharedSpark.session(), model, reference, settings(grid, 50), part);
        part.abandon();
        OutputFolder rest = folder("adaptive-resumed", OutputFolder.ExistingPolicy.RESUME);
        NeymanJob.Result resumed = NeymanJob.run(SharedSpark.session(), model, reference, settings(grid, 1), schedule, rest);
        rest.commit();
        assertTrue(sorted(once.outcomes()).equals(sorted(resumed.outcomes())), "bit for bit");
        assertEquals(once.toysComputed() - 200, resumed.toysComputed(), "the first round came from the checkpoints");
    }

    @Test
    void smoothCriticalValuesAreFittedOverEveryToyUsedByTheBeltAndWrittenWithTheirCheck() throws Exception {
        double[] grid = {0.0, 1.0, 2.0, 3.0};
        OutputFolder out = folder("smooth", OutputFolder.ExistingPolicy.REFUSE);
        NeymanJob.Result r = NeymanJob.run(SharedSpark.session(), model, reference, settings(grid, 120),
                org.nsbi.stats.adaptive.ToySchedule.uniform(120), org.nsbi.stats.adaptive.SmoothCriticalValues.Form.LOCAL, out);
        out.commit();
        org.nsbi.stats.adaptive.SmoothCriticalValues fit = org.nsbi.stats.adaptive.SmoothCriticalValues.fit(grid,
                r.outcomes(), CLS, org.nsbi.stats.adaptive.SmoothCriticalValues.Form.LOCAL);
        org.nsbi.stats.belt.Belt perPoint = org.nsbi.stats.belt.Belt.build(grid, r.outcomes(), CLS);
        String json = java.nio.file.Files.readString(dir.resolve("smooth").resolve(NeymanJob.CRITICAL_VALUES));
        org.nsbi.model.output.CriticalValuesFit written = org.nsbi.model.output.Json.read(json,
                org.nsbi.model.output.CriticalValuesFit.class, "critical-values.json");
        org.nsbi.stats.belt.Belt belts = org.nsbi.spark.neyman.BeltsTable.fromCsv(
                java.nio.file.Files.readString(dir.resolve("smooth").resolve("belts.csv")), "belts.csv");
        for (int c = 0; c < CLS.size(); c++) {
            double cl = CLS.get(c);
            org.nsbi.model.output.CriticalValuesFit.Level level = written.levels().get(c);
            assertEquals(cl, level.cl());
            assertEquals(fit.checks().get(c).chi2(), level.heldOutChi2(), 0.0);
            for (int m = 0; m < grid.length; m++) {
                double tc = fit.fits().get(c).at(grid[m]);
                assertEquals(tc, belts.point(m, cl).tCrit(), 0.0, "belts.csv holds the fitted t_c");
                assertEquals(tc, level.points().get(m).tCritFit(), 0.0);
                assertEquals(perPoint.point(m, cl).tCrit(), level.points().get(m).tCritPoint(), 0.0,
                        "beside each point's own order statistic");
                assertEquals(60, level.points().get(m).heldOutToys(), "the odd-index half of 120 toys");
                assertEquals(fit.fits().get(c).effectiveToys(m, 480), level.points().get(m).effectiveToys(), 0.0,
                        "the toys behind the fitted t_c, for the coverage check's error");
            }
        }
    }

    @Test
    void aCommittedRunExtendedFrom200To600ToysEqualsARunOf600FromTheStart() {
        double[] grid = {0.5, 2.5};
        OutputFolder fresh = folder("committed-fresh600", OutputFolder.ExistingPolicy.REFUSE);
        NeymanJob.Result once = NeymanJob.run(SharedSpark.session(), model, reference, settings(grid, 600), fresh);
        fresh.commit();

        OutputFolder first = folder("committed", OutputFolder.ExistingPolicy.REFUSE);
        NeymanJob.Result r200 = NeymanJob.run(SharedSpark.session(), model, reference, settings(grid, 200), first);
        first.commit(); // finished: its checkpoints are gone, its toys/ and toys-plan.txt stay
        assertTrue(java.nio.file.Files.exists(dir.resolve("committed").resolve(CommittedToys.PLAN_FILE)));

        OutputFolder other = folder("committed", OutputFolder.ExistingPolicy.EXTEND);
        NeymanJob.Settings otherSeed = new NeymanJob.Settings(grid, 600, 64, CLS, 18, new double[grid.length][0], 1.0, 0);
        ToyCheckpoints.CheckpointMismatchException e = org.junit.jupiter.api.Assertions.assertThrows(
                ToyCheckpoints.CheckpointMismatchException.class,
                () -> NeymanJob.run(SharedSpark.session(), model, reference, otherSeed, other));
        other.abandon();
        assertTrue(e.getMessage().contains("seed 17") && e.getMessage().contains("seed 18"), e.getMessage());
        OutputFolder.create(dir.resolve("committed").toString(), OutputFolder.ExistingPolicy.OVERWRITE,
                SharedSpark.session().sparkContext().hadoopConfiguration()).abandon(); // drops the refused run's checkpoints

        OutputFolder extended = folder("committed", OutputFolder.ExistingPolicy.EXTEND);
        NeymanJob.Result r600 = NeymanJob.run(SharedSpark.session(), model, reference, settings(grid, 600), extended);
        extended.commit();
        assertEquals(800, r600.toysComputed(), "the extension computes toys 200..599 of each point only");
        assertTrue(sorted(once.outcomes()).equals(sorted(r600.outcomes())), "600 toys per point, bit for bit");
        assertEquals(once.belt().toCsv(), r600.belt().toCsv());
        assertTrue(sorted(r200.outcomes()).equals(sorted(r600.outcomes()).stream().filter(o -> o.toyIndex() < 200).toList()),
                "the first 200 toys are the committed run's");
    }
}
