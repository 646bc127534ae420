package org.nsbi.spark.neyman;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nsbi.spark.provenance.BuildInfo;
import org.nsbi.stats.expr.Coefficient;
import org.nsbi.stats.model.EventTable;
import org.nsbi.stats.model.MixtureModel;
import org.nsbi.stats.model.Process;

/**
 * Checkpoint plans record the code version and the fitter's settings (and the nuisance bounds with the model), so a
 * resume across a change of any of them is refused, naming the difference.
 */
class NeymanPlanTest {

    @TempDir
    Path dir;

    static MixtureModel model() {
        return MixtureModel.of(List.of(Process.unaffected("S", 5, Coefficient.parse("mu"), 1),
                Process.unaffected("B", 50, Coefficient.parse("1"), 1)), List.of("b_norm"), "mu", 0, 5);
    }

    static String plan(MixtureModel model) {
        EventTable ref = EventTable.of(model, new float[] {1, 1}, new float[][] {{1, 1}, {1, 1}}, null, null);
        return NeymanPlan.describe(model, ref, new NeymanJob.Settings(new double[] {0, 1}, 10, 5, List.of(0.6827), 3,
                new double[2][1], 0.01, 0));
    }

    @Test
    void thePlanNamesTheCodeTheFitterAndTheBounds() {
        String plan = plan(model());
        assertTrue(plan.contains("\nfitter edm < 1.0E-9, 100 iterations per start, 17 scan points, NLL tolerance 1.0E-7\n"), plan);
        assertTrue(plan.matches("(?s).*\ncode sha256 [0-9a-f]{64} of [1-9][0-9]* classes\n.*"), plan);
        assertTrue(plan.contains("\nbuild nsbi-spark " + BuildInfo.version() + " commit " + BuildInfo.buildCommit() + "\n"), plan);
        assertTrue(plan.contains("b_norm in [-5.0, 5.0]"), plan);
        assertTrue(plan(model().withNuisanceBounds(new double[] {-10}, new double[] {10})).contains("b_norm in [-10.0, 10.0]"));
    }

    /**
     * The build records the git commit it was built from (the pom writes org/nsbi/spark/build-commit.txt): in a
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
}
