package org.nsbi.spark.neyman;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nsbi.model.UserError;
import org.nsbi.spark.SharedSpark;
import org.nsbi.spark.io.OutputFolder;
import org.nsbi.stats.model.EventTable;
import org.nsbi.stats.model.MixtureModel;

/** How the neyman job makes Spark tasks of its blocks of toys, and how they count their toys on the progress line. */
class NeymanJobTasksTest {

    @TempDir
    Path dir;

    @Test
    void theBlocksAreFourTasksPerTaskThreadOneWithASingleOneOrAsManyAsAsked() {
        assertEquals(1, NeymanJob.slices(400, 0, 1), "local[1]: nothing to even out");
        assertEquals(8, NeymanJob.slices(400, 0, 2));
        assertEquals(64, NeymanJob.slices(400, 0, 16));
        assertEquals(3, NeymanJob.slices(400, 3, 1), "--partitions 3");
        assertEquals(5, NeymanJob.slices(5, 0, 2), "at most one per block");
        assertEquals(1, NeymanJob.slices(0, 0, 2), "at least one");
    }

    @Test
    void theWarmUpSettingIsAWholeNumberOfToysAndAnythingElseIsBadInputNamingIt() {
        assertEquals(0, NeymanJob.warmUpToys("0"));
        assertEquals(3000, NeymanJob.warmUpToys(" 3000 "));
        for (String bad : new String[] {"-1", "2k", "1.5", ""}) {
            UserError e = assertThrows(UserError.class, () -> NeymanJob.warmUpToys(bad));
            assertTrue(e.getMessage().contains(NeymanJob.WARM_UP_SETTING + "=" + bad + ";")
                    && e.getMessage().contains("expected a whole number of toys >= 0"), e.getMessage());
        }
    }

    /**
     * On a local master (the tests' local[2]) the tasks count their toys block by block: the line ends at every toy of
     * the run, counted once; and the Asimov closure comes from the tasks' samplers, equal to the plain one.
     */
    @Test
    void onALocalMasterTheProgressLineCountsEveryToyOnce() {
        MixtureModel model = NeymanPlanTest.model();
        EventTable reference = NeymanPlanTest.reference(model, 200, 5);
        NeymanJob.Settings s = new NeymanJob.Settings(new double[] {1, 2}, 100, 25, List.of(0.6827), 11,
                new double[2][1], 1.0, 0);
        OutputFolder out = OutputFolder.create(dir.resolve("run").toString(), OutputFolder.ExistingPolicy.REFUSE,
                SharedSpark.session().sparkContext().hadoopConfiguration());
        PrintStream err = System.err;
        NeymanJob.Result result;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            result = NeymanJob.run(SharedSpark.session(), model, reference, s, out);
        } finally {
            System.setErr(err);
        }
        List<String> lines = captured.toString(StandardCharsets.UTF_8).lines()
                .filter(l -> l.startsWith("[neyman] toys ")).toList();
        assertTrue(!lines.isEmpty(), "no progress line: " + captured);
        assertTrue(lines.get(lines.size() - 1).startsWith("[neyman] toys 200/200 (100%)"), lines.toString());
        assertEquals(1, lines.stream().filter(l -> l.startsWith("[neyman] toys 200/")).count(), lines.toString());
        assertEquals(ToyReference.whole(reference, null).closure(model, s.muGrid(), s.alphaTrue()), result.asimovClosure(),
                "the Asimov closure read off the tasks' samplers is the plain one");
        out.abandon();
    }
}
