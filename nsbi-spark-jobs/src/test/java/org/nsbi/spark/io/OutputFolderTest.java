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
        Path target = dir.resolve("run");
        Files.createDirectories(target);
        Files.writeString(target.resolve("summary.json"), "{\"old\":true}");
        OutputFolderException e = assertThrows(OutputFolderException.class,
                () -> OutputFolder.create(target.toString(), ExistingPolicy.REFUSE, new Configuration()));
        assertTrue(e.getMessage().contains("exists and holds another run"), e.getMessage());
        assertTrue(e.getMessage().contains("--overwrite"), e.getMessage());
        assertEquals("{\"old\":true}", Files.readString(target.resolve("summary.json")), "the old run is untouched");
    }

    @Test
    void overwriteReplacesOnlyAtCommit() throws IOException {
        Path target = dir.resolve("run");
        Files.createDirectories(target);
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

    private static long listing(Path p) throws IOException {
        try (Stream<Path> s = Files.list(p)) {
            return s.count();
        }
    }
}
