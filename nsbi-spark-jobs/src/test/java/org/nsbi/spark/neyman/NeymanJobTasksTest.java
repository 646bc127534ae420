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
import org.nsbi.model.neyman.ToyBlockTask;
import org.nsbi.spark.SharedSpark;
import org.nsbi.spark.io.OutputFolder;
import org.nsbi.stats.model.EventTable;
import org.nsbi.stats.model.MixtureModel;

/** How the neyman job makes Spark tasks of its blocks of toys, and how they count their toys on the progress line. */
class NeymanJobTasksTest {

    @TempDir
    Path dir;

    private static List<ToyBlockTask> blocks(int n) {
        List<ToyBlockTask> blocks = new java.util.ArrayList<>();
        for (int b = 0; b < n; b++) {
            blocks.add(new ToyBlockTask(b % 3, 0.5 * (b % 3), 25 * b, 25 * b + 25));
        }
        return blocks;
    }

    /** Every block once, in order, in runs of consecutive blocks. */
    private static void assertCovers(List<ToyBlockTask> blocks, List<List<ToyBlockTask>> parts) {
        assertEquals(blocks, parts.stream().flatMap(List::stream).toList());
        assertTrue(parts.stream().allMatch(p -> p instanceof java.io.Serializable), "partitions are shipped to tasks");
    }

    @Test
    void theBlocksAreOneTaskWithASingleTaskThreadOrAsManyEqualOnesAsAsked() {
        List<ToyBlockTask> blocks = blocks(400);
        List<List<ToyBlockTask>> one = NeymanJob.partitions(blocks, 0, 1);
        assertEquals(1, one.size(), "local[1]: nothing to even out");
        assertCovers(blocks, one);
        List<List<ToyBlockTask>> three = NeymanJob.partitions(blocks, 3, 2);
        assertEquals(List.of(133, 133, 134), three.stream().map(List::size).toList(), "--partitions 3, as parallelize cuts");
        assertCovers(blocks, three);
        assertEquals(5, NeymanJob.partitions(blocks(5), 8, 2).size(), "at most one per block");
        assertEquals(1, NeymanJob.partitions(List.of(), 0, 2).size(), "at least one");
    }

    /**
     * With several task threads the partitions shrink towards the end (each 1/(2 x threads) of the blocks left), so the
     * threads end within a block of each other: the last partitions are single blocks, the first are large.
     */
    @Test
    void withSeveralTaskThreadsThePartitionsShrinkToSingleBlocksAtTheEnd() {
        for (int threads : new int[] {2, 4, 16}) {
            List<ToyBlockTask> blocks = blocks(408);
            List<List<ToyBlockTask>> parts = NeymanJob.partitions(blocks, 0, threads);
            assertCovers(blocks, parts);
            assertEquals((408 + 2 * threads - 1) / (2 * threads), parts.get(0).size());
            for (int p = 1; p < parts.size(); p++) {
                assertTrue(parts.get(p).size() <= parts.get(p - 1).size(), "sizes never grow: " + parts);
            }
            for (List<ToyBlockTask> last : parts.subList(parts.size() - threads, parts.size())) {
                assertEquals(1, last.size(), "the last partition of each thread is one block");
            }
            assertTrue(parts.size() <= 2 * threads * 6, parts.size() + " tasks for " + threads + " threads");
        }
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
