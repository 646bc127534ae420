package org.nsbi.spark.neyman;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.NavigableMap;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nsbi.model.neyman.ToyBlockTask;
import org.nsbi.model.neyman.ToyRounds;
import org.nsbi.stats.toys.ToyOutcome;

/** The checkpoints' bookkeeping by mu value: names, each point's inputs, and the blocks a round reads and adds. */
class ToyCheckpointsTest {

    @TempDir
    Path dir;

    private ToyCheckpoints open() {
        return ToyCheckpoints.open(dir.resolve("ckpt").toString(), "plan\n", new Configuration());
    }

    private static List<ToyOutcome> toys(ToyBlockTask b) {
        List<ToyOutcome> t = new ArrayList<>();
        for (int i = b.fromToy(); i < b.toToy(); i++) {
            t.add(new ToyOutcome(b.muIndex(), b.mu(), i, 0.1 * i, b.mu(), new double[0], true, null, 5, null, false));
        }
        return t;
    }

    @Test
    void blocksAreNamedByTheCanonicalMuValue() {
        assertEquals("mu=0.3-toys0-25.bin", ToyCheckpoints.fileName(new ToyBlockTask(4, 0.1 + 0.2, 0, 25)));
        assertEquals("mu=0-toys25-50.bin", ToyCheckpoints.fileName(new ToyBlockTask(0, -0.0, 25, 50)));
        assertEquals("mu2-toys0-25.bin", ToyCheckpoints.fileName(new ToyBlockTask(2, 0, 25)), "index-keyed lists keep their names");
    }

    @Test
    void aPointComputedWithOtherInputsIsRefused() {
        ToyCheckpoints c = open();
        c.admitPoints(new double[] {0.0, 1.0}, List.of("alpha_true [0.0]", "alpha_true [0.1]"));
        open().admitPoints(new double[] {0.0, 0.5, 1.0}, List.of("alpha_true [0.0]", "alpha_true [0.2]", "alpha_true [0.1]"));
        assertTrue(Files.exists(dir.resolve("ckpt").resolve("points").resolve("mu=0.5.txt")), "the new point is recorded");
        ToyCheckpoints.CheckpointMismatchException e = assertThrows(ToyCheckpoints.CheckpointMismatchException.class,
                () -> open().admitPoints(new double[] {1.0}, List.of("alpha_true [0.3]")));
        assertTrue(e.getMessage().contains("hold toys at mu = 1.0 made for other inputs: they have alpha_true [0.1] where"
                + " this run has alpha_true [0.3]"), e.getMessage());
    }

    @Test
    void aRoundReadsTheFinishedBlocksAndFillsTheGapsInBlocksOfItsOwnSize() {
        ToyCheckpoints c = open();
        double[] grid = {0.5, 1.5};
        // mu = 0.5: toys 0..10 and 20..30 finished (another block size), mu = 1.5: nothing
        for (ToyBlockTask b : List.of(new ToyBlockTask(7, 0.5, 0, 10), new ToyBlockTask(7, 0.5, 20, 30),
                new ToyBlockTask(7, 0.5, 0, 5))) {
            c.write(b, toys(b));
        }
        List<NavigableMap<Integer, Integer>> finished = c.finishedByPoint(grid);
        assertEquals(java.util.Map.of(0, 10, 20, 30), finished.get(0), "where two blocks start together, the longer");
        ToyRounds.Cover cover = ToyRounds.cover(finished, new int[] {40, 12}, grid, 8);
        assertEquals(List.of(new ToyBlockTask(0, 0.5, 10, 18), new ToyBlockTask(0, 0.5, 18, 20),
                new ToyBlockTask(0, 0.5, 30, 38), new ToyBlockTask(0, 0.5, 38, 40),
                new ToyBlockTask(1, 1.5, 0, 8), new ToyBlockTask(1, 1.5, 8, 12)), cover.missing());
        assertEquals(40 + 12 - 20, cover.missingToys());
        assertEquals(List.of(new ToyBlockTask(0, 0.5, 0, 10), new ToyBlockTask(0, 0.5, 10, 18), new ToyBlockTask(0, 0.5, 18, 20),
                new ToyBlockTask(0, 0.5, 20, 30), new ToyBlockTask(0, 0.5, 30, 38), new ToyBlockTask(0, 0.5, 38, 40),
                new ToyBlockTask(1, 1.5, 0, 8), new ToyBlockTask(1, 1.5, 8, 12)), cover.blocks(), "the blocks at index 0 now");
        ToyRounds.Cover fewer = ToyRounds.cover(finished, new int[] {15, 12}, grid, 8);
        assertEquals(List.of(), fewer.missing(), "asking for fewer toys computes nothing");
        assertEquals(List.of(new ToyBlockTask(0, 0.5, 0, 10), new ToyBlockTask(0, 0.5, 10, 18),
                new ToyBlockTask(1, 1.5, 0, 8), new ToyBlockTask(1, 1.5, 8, 12)), fewer.blocks(),
                "the last block reaches beyond 15; the job keeps toys below the target");
        assertEquals(toys(new ToyBlockTask(0, 0.5, 20, 30)), c.read(new ToyBlockTask(0, 0.5, 20, 30)),
                "a block computed at index 7 is read back at index 0, the same toys");
    }

    /**
     * A block is one file: no checksum file beside it (on a local file system Hadoop writes and renames a .crc with
     * every file, twice the file operations per block; issue 15), and it reads back bit for bit, through the
     * checksummed file system as a resumed run reads it.
     */
    @Test
    void aBlockIsOneFileAndReadsBackAsWritten() throws Exception {
        ToyCheckpoints c = open();
        ToyBlockTask block = new ToyBlockTask(0, 0.5, 0, 25);
        byte[] written = c.write(block, toys(block));
        try (var files = Files.list(dir.resolve("ckpt").resolve("blocks"))) {
            assertEquals(List.of("mu=0.5-toys0-25.bin"), files.map(f -> f.getFileName().toString()).sorted().toList(),
                    "the files of the blocks folder");
        }
        assertTrue(java.util.Arrays.equals(written, c.bytes(block)), "the bytes read back");
        assertEquals(toys(block), open().read(block), "the toys read back by a resumed run");
    }

    /**
     * A retried task (or a speculative copy) writes its block again: the file is replaced by the same bytes, and no
     * temporary file is left in the blocks folder, on the local file system's java.nio path as on Hadoop's.
     */
    @Test
    void aBlockWrittenTwiceIsOneFileWithTheSameBytes() throws Exception {
        ToyCheckpoints c = open();
        ToyBlockTask block = new ToyBlockTask(0, 2.0, 25, 50);
        byte[] first = c.write(block, toys(block));
        byte[] again = open().write(block, toys(block));
        assertTrue(java.util.Arrays.equals(first, again), "the same toys give the same bytes");
        try (var files = Files.list(dir.resolve("ckpt").resolve("blocks"))) {
            assertEquals(List.of("mu=2-toys25-50.bin"), files.map(f -> f.getFileName().toString()).sorted().toList(),
                    "the files of the blocks folder after the block was written twice");
        }
        assertTrue(java.util.Arrays.equals(first, Files.readAllBytes(dir.resolve("ckpt").resolve("blocks")
                .resolve("mu=2-toys25-50.bin"))), "the file holds the block's bytes");
        assertEquals(toys(block), open().read(block), "the toys read back");
    }

    /**
     * An executor whose disk does not have the blocks folder (a local path on a cluster of several machines) makes it,
     * as Hadoop's create did before blocks were written through java.nio.
     */
    @Test
    void aBlockIsWrittenWhereTheBlocksFolderIsMissing() throws Exception {
        ToyCheckpoints c = open();
        Path blocks = dir.resolve("ckpt").resolve("blocks");
        Files.delete(blocks);
        ToyBlockTask block = new ToyBlockTask(0, 1.0, 0, 5);
        byte[] written = c.write(block, toys(block));
        assertTrue(java.util.Arrays.equals(written, Files.readAllBytes(blocks.resolve("mu=1-toys0-5.bin"))),
                "the block's file in the blocks folder made again");
    }

    /** A task's writer keeps every block handed to it, in order, the bytes those of {@link ToyCheckpoints#write}. */
    @Test
    void aTasksWriterKeepsEveryBlockAndReturnsTheirBytesInOrder() throws Exception {
        ToyCheckpoints c = open();
        List<ToyBlockTask> blocks = ToyBlockTask.range(0, 1.0, 0, 40, 5);
        List<scala.Tuple2<ToyBlockTask, byte[]>> written;
        try (ToyCheckpoints.Writer w = c.writer()) {
            for (ToyBlockTask b : blocks) {
                w.write(b, toys(b));
            }
            written = w.finish();
        }
        assertEquals(blocks, written.stream().map(scala.Tuple2::_1).toList());
        for (scala.Tuple2<ToyBlockTask, byte[]> t : written) {
            assertTrue(java.util.Arrays.equals(org.nsbi.model.neyman.ToyBlockFile.encode(t._1(), toys(t._1())), t._2()));
            assertTrue(java.util.Arrays.equals(t._2(), Files.readAllBytes(dir.resolve("ckpt").resolve("blocks")
                    .resolve(ToyCheckpoints.fileName(t._1())))), t._1() + " is on disk when finish returns");
        }
    }

    /** A block the writer cannot keep fails the task when it finishes, with the write's own error. */
    @Test
    void aBlockTheWriterCannotKeepFailsTheTaskWithTheWritesError() throws Exception {
        ToyCheckpoints c = open();
        Path blocks = dir.resolve("ckpt").resolve("blocks");
        Files.delete(blocks);
        Files.writeString(blocks, "a file where the blocks folder should be");
        ToyBlockTask block = new ToyBlockTask(0, 1.0, 0, 5);
        try (ToyCheckpoints.Writer w = c.writer()) {
            w.write(block, toys(block));
            java.io.UncheckedIOException e = assertThrows(java.io.UncheckedIOException.class, w::finish);
            assertTrue(e.getMessage().startsWith("cannot write the checkpoint "), e.getMessage());
        }
    }

    /**
     * A fresh run's checkpoints opened later (the plan made while the first toys run): a block handed to the writer is
     * not written until the folder holds the plan, so it never holds a block without one; a failure to keep the plan is
     * the writes' failure.
     */
    @Test
    void blocksOfCheckpointsOpenedLaterAreWrittenOnlyAfterThePlan() throws Exception {
        String folder = dir.resolve("later").toString();
        Configuration conf = new Configuration();
        assertFalse(ToyCheckpoints.exists(folder, conf));
        java.util.concurrent.CompletableFuture<String> kept = new java.util.concurrent.CompletableFuture<>();
        ToyCheckpoints c = ToyCheckpoints.openedLater(folder, conf, kept);
        ToyBlockTask b = new ToyBlockTask(0, 0.5, 0, 4);
        List<scala.Tuple2<ToyBlockTask, byte[]>> written;
        try (ToyCheckpoints.Writer w = c.writer()) {
            w.write(b, toys(b));
            Thread.sleep(200);
            assertFalse(Files.exists(dir.resolve("later")), "nothing is written before the plan");
            c.open("plan\n");
            assertTrue(Files.exists(dir.resolve("later").resolve("plan.txt")));
            kept.complete("plan\n");
            written = w.finish();
        }
        assertEquals(1, written.size());
        assertEquals(toys(b), open(folder).read(b), "the block, under its plan");
        assertTrue(ToyCheckpoints.exists(folder, conf));

        java.util.concurrent.CompletableFuture<String> failed = new java.util.concurrent.CompletableFuture<>();
        ToyCheckpoints d = ToyCheckpoints.openedLater(dir.resolve("failed").toString(), conf, failed);
        failed.completeExceptionally(new java.io.UncheckedIOException("cannot open the checkpoints", new java.io.IOException()));
        java.io.UncheckedIOException e = assertThrows(java.io.UncheckedIOException.class, () -> d.write(b, toys(b)));
        assertEquals("cannot open the checkpoints", e.getMessage());
        assertFalse(Files.exists(dir.resolve("failed")));
    }

    private static ToyCheckpoints open(String folder) {
        return ToyCheckpoints.open(folder, "plan\n", new Configuration());
    }
}
