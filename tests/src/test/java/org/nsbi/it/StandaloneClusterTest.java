package org.nsbi.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentSkipListSet;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A real standalone cluster of separate JVMs, started by deploy/standalone/nsbi-standalone.sh from the project's
 * runtime jars (a master and two workers of one core on 127.0.0.1, spark.authenticate on), and the neyman job
 * submitted to it through SparkSubmit: executors run in processes of their own, and the toys table is bit-identical
 * to the local[2] run when an executor JVM is killed in the middle of the job.
 */
class StandaloneClusterTest {

    static Path home;
    static Map<String, String> env;
    static SmallExactRun run;

    @BeforeAll
    static void startCluster() throws IOException {
        run = SmallExactRun.get();
        home = run.dir.resolve("spark-home");
        env = new HashMap<>();
        env.put("NSBI_SPARK_HOME", home.toString());
        env.put("NSBI_SPARK_AUTH_SECRET", java.util.UUID.randomUUID().toString());
        env.put("NSBI_MASTER_PORT", String.valueOf(ChildProcess.freeLoopbackPort()));
        env.put("NSBI_MASTER_WEBUI_PORT", String.valueOf(ChildProcess.freeLoopbackPort()));
        env.put("NSBI_WORKER_WEBUI_PORT", String.valueOf(ChildProcess.freeLoopbackPort()));
        Path log = run.dir.resolve("cluster-start.log");
        int code = ChildProcess.run(log, env, 180, "bash", script(), "start", "2", "1", "1500m");
        assertEquals(0, code, "cluster start: " + Files.readString(log));
    }

    @AfterAll
    static void stopCluster() {
        if (env != null) {
            ChildProcess.run(run.dir.resolve("cluster-stop.log"), env, 60, "bash", script(), "stop");
        }
    }

    /**
     * One submission (a submission costs a driver and two executor JVMs and the reference's first load on them): once
     * blocks are done on two executors, one is killed while blocks are still missing, and the toys must still be the
     * local run's. Every block computed before the kill ran undisturbed on the cluster, so a cluster that
     * computed other toys than local[2] fails this as it would fail a calm run.
     */
    @Test
    void neymanOnTheClusterGivesTheLocalToysEvenWhenAnExecutorIsKilled() throws IOException {
        Path disturbed = run.dir.resolve("neyman-cluster-executor-lost");
        Set<Long> executors = new ConcurrentSkipListSet<>();
        ChildProcess submit = submit(disturbed);
        try {
            int blocks = SmallExactRun.GRID_POINTS * SmallExactRun.TOYS_PER_POINT / SmallExactRun.TOYS_PER_BLOCK;
            // the executors live as long as the run: they are looked for (a walk over every process) only once blocks
            // are done; the wait includes the driver's and executors' start and the reference's first load
            submit.awaitWhileRunning(() -> ChildProcess.checkpointedBlocks(disturbed) >= blocks / 10 && twoSeen(executors),
                    600, "finished blocks on two executors of the cluster");
            assertTrue(!executors.contains(ProcessHandle.current().pid()) && !executors.contains(submit.process.pid()),
                    "executors are neither the test JVM nor the driver");
            long victim = executorPids().iterator().next();
            int doneAtKill = ChildProcess.checkpointedBlocks(disturbed);
            ProcessHandle.of(victim).ifPresent(ProcessHandle::destroyForcibly);
            assertEquals(0, submit.waitFor(600), "submit with a lost executor: " + submit.tail());
            assertTrue(executors.size() >= 2, "executors in JVMs of their own, seen: " + executors);
            assertTrue(doneAtKill < blocks, "the executor died with " + doneAtKill + " of " + blocks + " blocks done");
            String log = Files.readString(submit.log);
            assertTrue(log.contains("Lost executor") || log.contains("ExecutorLostFailure") || log.contains("Executor lost"),
                    "the driver saw the executor go: " + submit.tail());
            List<Row> clusterToys = SmallExactRun.toys(disturbed);
            assertEquals(run.totalToys(), clusterToys.size());
            assertEquals(run.localToys(), clusterToys, "cluster toys bit-identical to local[2], also after an executor was lost");
            System.err.println("StandaloneClusterTest: executors " + executors + ", killed " + victim + " at " + doneAtKill
                    + "/" + blocks + " blocks");
        } finally {
            // a failed wait leaves the submission running: its driver JVM is a child of the launcher script
            submit.process.descendants().forEach(ProcessHandle::destroyForcibly);
            submit.process.destroyForcibly();
        }
    }

    /** Adds the cluster's executors running now to {@code seen}; whether it holds two or more. */
    private static boolean twoSeen(Set<Long> seen) {
        seen.addAll(executorPids());
        return seen.size() >= 2;
    }

    private static ChildProcess submit(Path out) {
        return ChildProcess.start(out.resolveSibling(out.getFileName() + ".log"), env, List.of("bash", script(), "submit",
                "neyman", "--config", run.config.toString(), "--scored", run.scored.toString(), "--out", out.toString(),
                "--toys-per-block", String.valueOf(SmallExactRun.TOYS_PER_BLOCK), "--partitions", "40"));
    }

    /** The executor JVMs of this test's cluster (their class path is in its Spark home). */
    static Set<Long> executorPids() {
        Set<Long> pids = new TreeSet<>();
        String marker = home.toString();
        ProcessHandle.allProcesses().forEach(p -> {
            String cmd = p.info().commandLine().orElse("");
            if (cmd.contains("CoarseGrainedExecutorBackend") && cmd.contains(marker)) {
                pids.add(p.pid());
            }
        });
        return pids;
    }

    private static String script() {
        return Checkout.root().resolve("deploy/standalone/nsbi-standalone.sh").toString();
    }

}
