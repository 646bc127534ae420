package org.nsbi.spark.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nsbi.spark.io.OutputFolder.ExistingPolicy;
import org.nsbi.spark.io.OutputFolder.OutputFolderException;

class OutputFolderTest {

    @TempDir
    Path dir;

    @Test
    void nothingAppearsUntilCommit() throws IOException {
        Path target = dir.resolve("run");
        OutputFolder out = OutputFolder.create(target.toString(), ExistingPolicy.REFUSE, new Configuration());
        out.writeText("summary.json", "{}");
        assertFalse(Files.exists(target), "the target must not exist before commit");
        out.commit();
        assertEquals("{}", Files.readString(target.resolve("summary.json")));
        assertEquals(1, listing(dir), "only the target is left, no staging folder");
    }

    @Test
    void aColonInTheFolderNameIsBadInputNamingTheFolder() {
        // Hadoop reads "name:rest" in a path's last part as a URI scheme: the checkpoint folder ".a:b.checkpoint" beside it
        // cannot be made; that is the user's path, not our bug (exit 2 with a message, not exit 1 with a stack trace)
        String target = dir.resolve("run:1").toString();
        OutputFolderException e = assertThrows(OutputFolderException.class,
                () -> OutputFolder.create(target, ExistingPolicy.REFUSE, new Configuration()));
        assertTrue(e.getMessage().contains(target) && e.getMessage().contains("':'"), e.getMessage());
        assertFalse(Files.exists(dir.resolve("run:1")));
    }

    @Test
    void abandonLeavesNoTrace() throws IOException {
        Path target = dir.resolve("run");
        OutputFolder out = OutputFolder.create(target.toString(), ExistingPolicy.REFUSE, new Configuration());
        out.writeText("belts.csv", "mu\n");
        out.abandon();
        assertFalse(Files.exists(target));
        assertEquals(0, listing(dir), "the staging folder is removed");
    }

    @Test
    void refusesAFolderHoldingAnotherRun() throws IOException {
        Path target = committedRun("run");
        OutputFolderException e = assertThrows(OutputFolderException.class,
                () -> OutputFolder.create(target.toString(), ExistingPolicy.REFUSE, new Configuration()));
        assertTrue(e.getMessage().contains("holds an earlier nsbi output (2 files and 0 folders: "
                + OutputFolder.MARKER + ", summary.json)"), e.getMessage());
        assertTrue(e.getMessage().contains("--overwrite"), e.getMessage());
        assertEquals("{\"old\":true}", Files.readString(target.resolve("summary.json")), "the old run is untouched");
    }

    @Test
    void overwriteNeverReplacesAFolderThatIsNotAnNsbiOutput() throws IOException {
        Path target = dir.resolve("thesis");
        Files.createDirectories(target.resolve("figures").resolve("old"));
        Files.writeString(target.resolve("notes.txt"), "my notes");
        Files.writeString(target.resolve("summary.json"), "{\"mine\":true}");
        Files.writeString(target.resolve("figures").resolve("old").resolve("f.png"), "png");
        for (ExistingPolicy policy : ExistingPolicy.values()) {
            OutputFolderException e = assertThrows(OutputFolderException.class,
                    () -> OutputFolder.create(target.toString(), policy, new Configuration()), policy.name());
            assertTrue(e.getMessage().contains("exists and is not an nsbi output: it holds 2 files and 1 folder: figures/,"
                    + " notes.txt, summary.json and no " + OutputFolder.MARKER + " marker"), e.getMessage());
            assertTrue(e.getMessage().contains("even with --overwrite"), e.getMessage());
        }
        assertEquals("my notes", Files.readString(target.resolve("notes.txt")));
        assertEquals("{\"mine\":true}", Files.readString(target.resolve("summary.json")));
        assertEquals("png", Files.readString(target.resolve("figures").resolve("old").resolve("f.png")));
        assertEquals(1, listing(dir), "no staging folder either");
    }

    @Test
    void overwriteReplacesOnlyAtCommit() throws IOException {
        Path target = committedRun("run");
        Files.writeString(target.resolve("old.txt"), "old");
        OutputFolder out = OutputFolder.create(target.toString(), ExistingPolicy.OVERWRITE, new Configuration());
        out.writeText("new.txt", "new");
        assertTrue(Files.exists(target.resolve("old.txt")), "the old run stays until the new one is complete");
        out.commit();
        assertFalse(Files.exists(target.resolve("old.txt")));
        assertEquals("new", Files.readString(target.resolve("new.txt")));
    }

    @Test
    void anEmptyExistingFolderIsFine() throws IOException {
        Path target = dir.resolve("run");
        Files.createDirectories(target);
        OutputFolder out = OutputFolder.create(target.toString(), ExistingPolicy.REFUSE, new Configuration());
        out.writeText("a.txt", "a");
        out.commit();
        assertTrue(Files.exists(target.resolve("a.txt")));
    }

    @Test
    void checkpointsWithoutFinishedWorkNeverBlockTheNextRun() throws IOException {
        // a run refused after it opened its checkpoints (the plan recorded, no block finished)
        Path checkpoints = dir.resolve(".run.checkpoint");
        Files.createDirectories(checkpoints.resolve("toys").resolve("blocks"));
        Files.writeString(checkpoints.resolve("toys").resolve("plan.txt"), "seed 1");
        OutputFolder out = OutputFolder.create(dir.resolve("run").toString(), ExistingPolicy.REFUSE, new Configuration());
        out.commit();
        assertFalse(Files.exists(checkpoints));

        Path interrupted = dir.resolve(".other.checkpoint").resolve("toys");
        Files.createDirectories(interrupted.resolve("blocks"));
        Files.writeString(interrupted.resolve("plan.txt"), "seed 1");
        Files.writeString(interrupted.resolve("blocks").resolve("mu0-toys0-5.bin"), "x");
        OutputFolderException e = assertThrows(OutputFolderException.class,
                () -> OutputFolder.create(dir.resolve("other").toString(), ExistingPolicy.REFUSE, new Configuration()));
        assertTrue(e.getMessage().contains("an interrupted run left its checkpoints at " + dir.resolve(".other.checkpoint")),
                e.getMessage());
        assertTrue(Files.exists(interrupted.resolve("blocks").resolve("mu0-toys0-5.bin")), "finished work is kept");
    }

    /** A folder as a committed run leaves it: summary.json and the marker. */
    private Path committedRun(String name) {
        Path target = dir.resolve(name);
        OutputFolder out = OutputFolder.create(target.toString(), ExistingPolicy.REFUSE, new Configuration());
        out.writeText("summary.json", "{\"old\":true}");
        out.commit();
        assertTrue(Files.exists(target.resolve(OutputFolder.MARKER)), "commit writes the marker");
        return target;
    }

    private static long listing(Path p) throws IOException {
        try (Stream<Path> s = Files.list(p)) {
            return s.count();
        }
    }
}
