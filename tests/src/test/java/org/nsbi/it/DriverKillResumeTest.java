package org.nsbi.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nsbi.model.output.Json;
import org.nsbi.model.output.RunSummary;

/**
 * The driver of a neyman run (submit/nsbi, its own JVM) is killed with SIGKILL half way; {@code --resume} into the
 * same folder computes only the blocks that were not checkpointed, and the toys table is bit-identical to an
 * uninterrupted run's.
 */
class DriverKillResumeTest {

    @Test
    void aKilledRunResumesToTheUninterruptedToys() throws Exception {
        SmallExactRun run = SmallExactRun.get();
        Path out = run.dir.resolve("neyman-killed");
        ChildProcess driver = ChildProcess.start(run.dir.resolve("neyman-killed.log"), Map.of(), List.of(
                Checkout.root().resolve("submit/nsbi").toString(), "neyman", "--master", "local[2]",
                "--config", run.config.toString(), "--scored", run.scored.toString(), "--out", out.toString(),
                "--toys-per-block", String.valueOf(SmallExactRun.TOYS_PER_BLOCK), "--partitions", "40"));
        int blocks = SmallExactRun.GRID_POINTS * SmallExactRun.TOYS_PER_POINT / SmallExactRun.TOYS_PER_BLOCK;
        driver.awaitWhileRunning(() -> ChildProcess.checkpointedBlocks(out) >= blocks / 5, 300, "checkpointed blocks");
        driver.process.destroyForcibly();
        driver.waitFor(30);
        int kept = ChildProcess.checkpointedBlocks(out);
        assertTrue(kept < blocks, "killed with " + kept + " of " + blocks + " blocks done");
        assertFalse(Files.exists(out), "a killed run leaves nothing in place");

        run.nsbi("neyman", "--config", run.config.toString(), "--scored", run.scored.toString(), "--out", out.toString(),
                "--toys-per-block", String.valueOf(SmallExactRun.TOYS_PER_BLOCK), "--resume");
        long computed = Json.read(Files.readString(out.resolve("summary.json")), RunSummary.class, "summary.json")
                .neyman().toysComputed();
        assertEquals(run.totalToys() - (long) kept * SmallExactRun.TOYS_PER_BLOCK, computed,
                "only the blocks without a checkpoint are computed");
        assertEquals(run.localToys(), SmallExactRun.toys(out), "resumed toys bit-identical to the uninterrupted run");
        assertFalse(Files.exists(out.resolveSibling(".neyman-killed.checkpoint")), "checkpoints removed with the commit");
        try (var siblings = Files.list(run.dir)) {
            assertFalse(siblings.anyMatch(p -> p.getFileName().toString().startsWith(".neyman-killed.staging")),
                    "the killed run's staging folder is cleared by the resumed run");
        }
        System.err.println("DriverKillResumeTest: killed at " + kept + "/" + blocks + " blocks, resumed " + computed + " toys");
    }
}
