package org.nsbi.spark.neyman;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nsbi.model.neyman.CodeVersion;
import org.nsbi.model.neyman.NeymanPlan;
import org.nsbi.model.neyman.ToyWorkload;
import org.nsbi.model.provenance.BuildInfo;
import org.nsbi.stats.expr.Coefficient;
import org.nsbi.stats.fit.ProfileFitter;
import org.nsbi.stats.model.EventTable;
import org.nsbi.stats.model.MixtureModel;
import org.nsbi.stats.model.Process;

/**
 * Checkpoint plans record the code version and the fitter's settings (and the nuisance bounds with the model), so a
 * resume across a change of any of them is refused, naming the difference.
 */
class NeymanPlanTest {

    private static final Pattern CLASSES = Pattern.compile(" of (\\d+) classes");

    @TempDir
    Path dir;

    static MixtureModel model() {
        return MixtureModel.of(List.of(Process.unaffected("S", 5, Coefficient.parse("mu"), 1),
                Process.unaffected("B", 50, Coefficient.parse("1"), 1)), List.of("b_norm"), "mu", 0, 5);
    }

    static String plan(MixtureModel model) {
        EventTable ref = EventTable.of(model, new float[] {1, 1}, new float[][] {{1, 1}, {1, 1}}, null, null);
        return NeymanPlan.describe("toy", 3, model, NeymanPlan.code(NeymanJob.class),
                ToyReference.whole(ref, null).planLines(model, true));
    }

    @Test
    void thePlanNamesTheCodeTheFitterAndTheBounds() {
        String plan = plan(model());
        assertTrue(plan.contains("\nfitter edm < 1.0E-9, 100 iterations per start, 17 scan points, NLL tolerance 1.0E-7, 2 backtracks per step, damping from 0.3 where the Hessian is not positive definite, runs join a known minimum at edm < 1.0 within 0.1 edm, the model's minimum below edm 1.0E-6, steps likely to end a run evaluated gradient first (the model's minimum with the Hessian before at an estimated error below 1.0E-9), the global fit from the conditional minimum starts at its last point evaluated with the Hessian, runs from a start with the shape parameters at 0 begin with a Newton step of the yield-only parameters alone where they outnumber the others and a pass of their block costs at most 0.25 of an evaluation\n"), plan);
        assertTrue(plan.matches("(?s).*\ncode sha256 [0-9a-f]{64} of [1-9][0-9]* classes\n.*"), plan);
        assertTrue(plan.contains("\nbuild nsbi-spark " + BuildInfo.version() + " commit " + BuildInfo.buildCommit() + "\n"), plan);
        assertTrue(plan.contains("b_norm in [-5.0, 5.0]"), plan);
        assertTrue(plan(model().withNuisanceBounds(new double[] {-10}, new double[] {10})).contains("b_norm in [-10.0, 10.0]"));
    }

    /**
     * The build records the git commit it was built from (nsbi-model's pom writes org/nsbi/model/build-commit.txt): in a
     * checkout it is the HEAD commit, with -dirty for uncommitted changes.
     */
    @Test
    void theBuildRecordsItsGitCommit() {
        String built = BuildInfo.buildCommit();
        String head = BuildInfo.gitCommit();
        assertTrue(built.matches("[0-9a-f]{40}(-dirty)?|unknown"), built);
        if (!head.equals("unknown")) {
            assertTrue(built.startsWith(head), "built from " + built + ", the checkout's HEAD is " + head);
        }
    }

    @Test
    void aResumeAcrossAnotherBuildIsRefusedNamingIt() {
        String plan = plan(model());
        String folder = dir.resolve("ckpt-build").toString();
        ToyCheckpoints.open(folder, plan, new Configuration());
        String otherCommit = plan.replace(" commit " + BuildInfo.buildCommit() + "\n", " commit " + "f".repeat(40) + "\n");
        ToyCheckpoints.CheckpointMismatchException e = assertThrows(ToyCheckpoints.CheckpointMismatchException.class,
                () -> ToyCheckpoints.open(folder, otherCommit, new Configuration()));
        assertTrue(e.getMessage().contains("they have build nsbi-spark " + BuildInfo.version() + " commit "
                + BuildInfo.buildCommit() + " where this run has build nsbi-spark " + BuildInfo.version() + " commit "
                + "f".repeat(40)), e.getMessage());
    }

    @Test
    void aResumeAcrossOtherCodeOrBoundsIsRefusedNamingTheDifference() {
        String plan = plan(model());
        String folder = dir.resolve("ckpt").toString();
        ToyCheckpoints.open(folder, plan, new Configuration());
        String otherCode = plan.replaceAll("code sha256 [0-9a-f]{64}", "code sha256 " + "0".repeat(64));
        ToyCheckpoints.CheckpointMismatchException e = assertThrows(ToyCheckpoints.CheckpointMismatchException.class,
                () -> ToyCheckpoints.open(folder, otherCode, new Configuration()));
        assertTrue(e.getMessage().contains("where this run has code sha256 " + "0".repeat(64)), e.getMessage());
        String wider = plan(model().withNuisanceBounds(new double[] {-10}, new double[] {10}));
        e = assertThrows(ToyCheckpoints.CheckpointMismatchException.class,
                () -> ToyCheckpoints.open(folder, wider, new Configuration()));
        assertTrue(e.getMessage().contains("b_norm in [-10.0, 10.0]"), e.getMessage());
        ToyCheckpoints.open(folder, plan, new Configuration());
    }

    /** A small reference sample of {@link #model()}: {@code n} events, the signal's ratio drawn from {@code seed}. */
    static EventTable reference(MixtureModel model, int n, long seed) {
        java.util.SplittableRandom rng = new java.util.SplittableRandom(seed);
        float[] w = new float[n];
        float[][] r = new float[2][n];
        java.util.Arrays.fill(w, 1f);
        for (int i = 0; i < n; i++) {
            r[0][i] = (float) (2 * rng.nextDouble());
            r[1][i] = 1f;
        }
        return EventTable.of(model, w, r, null, null);
    }

    private static Path local(String hadoopPath) {
        return Path.of(new org.apache.hadoop.fs.Path(hadoopPath).toUri().getPath());
    }

    /**
     * A fresh run's checkpoints' plan and the plan beside its toys name its reference sample's SHA-256, and a resume on
     * another sample is refused naming the hashes.
     */
    @Test
    void aFreshRunsPlanHoldsTheReferencesHashAndAResumeOnAnotherReferenceIsRefused() throws Exception {
        MixtureModel model = model();
        EventTable ref = reference(model, 300, 5);
        String expected = "reference 300 events sha256 " + NeymanPlan.sha256(ref, 1) + "\n";
        org.apache.spark.sql.SparkSession spark = org.nsbi.spark.SharedSpark.session();
        NeymanJob.Settings s = new NeymanJob.Settings(new double[] {1.0}, 40, 10, List.of(0.6827), 7,
                new double[][] {{0}}, 1.0, 0);
        org.nsbi.spark.io.OutputFolder out = org.nsbi.spark.io.OutputFolder.create(dir.resolve("fresh").toString(),
                org.nsbi.spark.io.OutputFolder.ExistingPolicy.REFUSE, spark.sparkContext().hadoopConfiguration());
        NeymanJob.run(spark, model, ref, s, out);
        String kept = java.nio.file.Files.readString(local(out.checkpointPath("toys/plan.txt")));
        assertTrue(kept.contains("\n" + expected), kept);
        assertEquals(NeymanPlan.describe("toy", 7, model, NeymanPlan.code(NeymanJob.class),
                ToyReference.whole(ref, null).planLines(model, true)), kept);
        assertTrue(java.nio.file.Files.readString(local(out.stagingPath(CommittedToys.PLAN_FILE)))
                .startsWith(kept));

        org.nsbi.spark.io.OutputFolder resumed = org.nsbi.spark.io.OutputFolder.create(dir.resolve("fresh").toString(),
                org.nsbi.spark.io.OutputFolder.ExistingPolicy.RESUME, spark.sparkContext().hadoopConfiguration());
        EventTable other = reference(model, 300, 6);
        ToyCheckpoints.CheckpointMismatchException e = assertThrows(ToyCheckpoints.CheckpointMismatchException.class,
                () -> NeymanJob.run(spark, model, other, s, resumed));
        assertTrue(e.getMessage().contains("they have " + expected.strip() + " where this run has reference 300 events"
                + " sha256 " + NeymanPlan.sha256(other, 1)), e.getMessage());
        resumed.abandon();
    }

    /**
     * The code version counts the toy code of every module that holds some: nsbi-stats, nsbi-model's neyman package and
     * the Spark jobs' package (each module's classes sit in their own folder or jar in a build, in one shaded jar in use).
     */
    @Test
    void theCodeVersionCoversTheToyCodeOfEveryModule() throws Exception {
        int total = 0;
        for (Class<?> c : List.of(ProfileFitter.class, ToyWorkload.class, NeymanJob.class)) {
            Path source = Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI());
            String prefix = c.getPackageName().startsWith("org.nsbi.stats") ? "org/nsbi/stats/"
                    : c.getPackageName().replace('.', '/') + "/";
            Matcher m = CLASSES.matcher(CodeVersion.of(Set.of(source), List.of(prefix)));
            assertTrue(m.find() && Integer.parseInt(m.group(1)) > 0, prefix + " in " + source);
            total += Integer.parseInt(m.group(1));
        }
        Matcher all = CLASSES.matcher(NeymanPlan.code(NeymanJob.class));
        assertTrue(all.find());
        assertEquals(total, Integer.parseInt(all.group(1)), NeymanPlan.code(NeymanJob.class));
    }
}
