package org.nsbi.spark.neyman;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nsbi.model.neyman.ToyBlockFile;
import org.nsbi.model.neyman.NeymanPlan;
import org.nsbi.model.neyman.ToyBlockTask;
import org.nsbi.model.neyman.ToyRounds;
import org.nsbi.spark.SharedSpark;
import org.nsbi.spark.io.DriverParquet;
import org.nsbi.spark.io.OutputFolder;
import org.nsbi.stats.adaptive.ToySchedule;
import org.nsbi.stats.model.EventTable;
import org.nsbi.stats.model.MixtureModel;
import org.nsbi.stats.toys.ToyOutcome;

/**
 * The toys table written while the toys run: the same file as the table written after them from the same blocks, in
 * whatever order the blocks come in; nothing left behind when a block is missing; and the neyman job's table on a local
 * master is that file.
 */
class ToysTableStreamTest {

    @TempDir
    Path dir;

    private final Configuration conf = new Configuration();

    /** Blocks of two points, 3 blocks each of up to 4 toys; point 1's target (10) ends inside its last block. */
    private static List<ToyBlockTask> plan() {
        List<ToyBlockTask> plan = new ArrayList<>();
        for (int m = 0; m < 2; m++) {
            for (int from = 0; from < 12; from += 4) {
                plan.add(new ToyBlockTask(m, 0.5 * m, from, from + 4));
            }
        }
        return plan;
    }

    private static final int[] TARGET = {12, 10};

    private static byte[] bytes(ToyBlockTask t) {
        List<ToyOutcome> toys = new ArrayList<>();
        for (int i = t.fromToy(); i < t.toToy(); i++) {
            boolean failed = i == 5;
            toys.add(new ToyOutcome(t.muIndex(), t.mu(), i, failed ? Double.POSITIVE_INFINITY : 0.1 * i + t.muIndex(),
                    0.01 * i, new double[] {0.001 * i, -0.002 * i}, !failed, failed ? "global fit: no convergence" : null,
                    500L + i, failed ? "iteration_limit" : null, i % 3 == 0));
        }
        return ToyBlockFile.encode(t, toys);
    }

    /** The table written after the toys: every block decoded in plan order, toys beyond the targets left out. */
    private List<ToyOutcome> expected() {
        List<ToyOutcome> all = new ArrayList<>();
        for (ToyBlockTask t : plan()) {
            for (ToyOutcome o : ToyBlockFile.decode(t, bytes(t), "test")) {
                if (o.toyIndex() < TARGET[t.muIndex()]) {
                    all.add(o);
                }
            }
        }
        return all;
    }

    private static byte[] partFile(Path table) throws IOException {
        try (Stream<Path> files = Files.list(table)) {
            List<Path> parts = files.filter(p -> p.getFileName().toString().startsWith("part-")).toList();
            assertEquals(1, parts.size(), "one part file in " + table);
            assertTrue(Files.exists(table.resolve("_SUCCESS")), "_SUCCESS in " + table);
            return Files.readAllBytes(parts.get(0));
        }
    }

    @Test
    void blocksInAnyOrderMakeTheFileTheTableWrittenAfterTheToysIs() throws IOException {
        Path after = dir.resolve("after");
        DriverParquet.write(ToysTable.SCHEMA, expected().stream().map(ToysTable::toRow).toList(), after.toString(), conf);
        for (long seed = 1; seed <= 3; seed++) {
            List<ToyBlockTask> order = new ArrayList<>(plan());
            Collections.shuffle(order, new Random(seed));
            Path streamed = dir.resolve("streamed" + seed);
            try (ToysTableStream stream = new ToysTableStream(plan(), TARGET, streamed.toString(), conf)) {
                for (ToyBlockTask t : order) {
                    stream.offer(t, bytes(t));
                }
                assertTrue(stream.finish(), "every block came in: the table is complete");
                assertEquals(expected(), stream.outcomes());
            }
            assertArrayEquals(partFile(after), partFile(streamed), "blocks in the order " + order);
        }
    }

    @Test
    void aMissingBlockLeavesNoTableAndSaysSo() {
        Path streamed = dir.resolve("streamed");
        ToysTableStream stream = new ToysTableStream(plan(), TARGET, streamed.toString(), conf);
        for (ToyBlockTask t : plan().subList(0, 4)) { // the blocks after the first four are never offered
            stream.offer(t, bytes(t));
        }
        assertTrue(Files.exists(streamed), "the first blocks were written");
        assertFalse(stream.finish());
        assertFalse(Files.exists(streamed), "the incomplete table is removed: the run writes it after the toys");
        stream.close();
    }

    @Test
    void aBlockThatCannotBeDecodedStopsTheStreamAndLeavesNoTable() {
        Path streamed = dir.resolve("streamed");
        try (ToysTableStream stream = new ToysTableStream(plan(), TARGET, streamed.toString(), conf)) {
            ToyBlockTask first = plan().get(0);
            stream.offer(first, bytes(plan().get(1))); // another block's bytes: ToyBlockFile refuses them
            for (ToyBlockTask t : plan().subList(1, plan().size())) {
                stream.offer(t, bytes(t));
            }
            assertFalse(stream.finish());
            assertFalse(Files.exists(streamed));
        }
    }

    /**
     * On a local master (the tests' local[2]) a fresh run of one round streams its table, and the table is the file
     * written after the toys from the job's outcomes; a run that resumes blocks, or runs in rounds, does not stream.
     */
    @Test
    void theJobsTableOnALocalMasterIsWrittenWhileItsToysRunAndIsTheSameFile() throws IOException {
        SparkSession spark = SharedSpark.session();
        Configuration hadoop = spark.sparkContext().hadoopConfiguration();
        MixtureModel model = NeymanPlanTest.model();
        EventTable reference = NeymanPlanTest.reference(model, 200, 5);
        NeymanJob.Settings s = new NeymanJob.Settings(new double[] {0.5, 1.0}, 30, 7, List.of(0.6827), 11,
                new double[2][1], 1.0, 3);
        ToyReference whole = ToyReference.whole(reference, null);
        List<NavigableMap<Integer, Integer>> none = List.of(new TreeMap<>(), new TreeMap<>());
        int[] target = {30, 30};
        ToyRounds.Cover fresh = ToyRounds.cover(none, target, s.muGrid(), 7);
        assertNotNull(NeymanJob.streamed(spark, whole, ToySchedule.uniform(30), fresh, target, dir.resolve("a").toString()));
        ToyRounds.Cover resumed = ToyRounds.cover(List.of(new TreeMap<>(Map.of(0, 7)), new TreeMap<>()), target,
                s.muGrid(), 7);
        assertNull(NeymanJob.streamed(spark, whole, ToySchedule.uniform(30), resumed, target, dir.resolve("b").toString()));

        OutputFolder out = OutputFolder.create(dir.resolve("run").toString(), OutputFolder.ExistingPolicy.REFUSE, hadoop);
        assertFalse(ToyCheckpoints.exists(out.checkpointPath("toys"), hadoop), "a fresh run: its plan is made beside the toys");
        NeymanJob.Result r = NeymanJob.run(spark, model, reference, s, out);
        assertEquals(60, r.outcomes().size());
        assertEquals(NeymanPlan.describe("toy", 11, model, NeymanPlan.code(NeymanJob.class),
                whole.planLines(model, true)), Files.readString(Path.of(new org.apache.hadoop.fs.Path(
                out.checkpointPath("toys")).toUri().getPath()).resolve("plan.txt")), "the plan kept beside the toys");
        Path staged = Path.of(new org.apache.hadoop.fs.Path(out.stagingPath("toys")).toUri().getPath());
        Path after = dir.resolve("after");
        DriverParquet.write(ToysTable.SCHEMA, r.outcomes().stream().map(ToysTable::toRow).toList(), after.toString(), hadoop);
        assertArrayEquals(partFile(after), partFile(staged), "the same file as the table written after the toys");
        out.abandon();
    }
}
