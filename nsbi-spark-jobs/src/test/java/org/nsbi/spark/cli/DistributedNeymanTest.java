package org.nsbi.spark.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nsbi.model.config.AnalysisConfig;
import org.nsbi.model.config.NeymanSettings;
import org.nsbi.model.output.IntervalResult;
import org.nsbi.model.output.NeymanSummary;
import org.nsbi.model.output.ReferencePlacement;
import org.nsbi.spark.SharedSpark;
import org.nsbi.spark.actions.NeymanAction;
import org.nsbi.spark.actions.NsbiActions;
import org.nsbi.spark.io.OutputFolder;

/**
 * {@code neyman} with the reference sample kept in blocks on the executors ({@code --placement distributed}): the
 * toys are bit-identical for any number of shuffle partitions and toys per task, a run resumes from its
 * checkpoints to the same toys, the plan and the summary name the path, and a resume on the other path is refused.
 * {@code interval} scans the same on the driver and on the executors.
 */
class DistributedNeymanTest {

    @TempDir
    static Path dir;
    static AnalysisConfig config;
    static String scored;

    @BeforeAll
    static void scoreOnce() {
        SparkSession spark = SharedSpark.session();
        config = SmallExactToy.config(3000, 1, new NeymanSettings(List.of(0.5, 2.0), 12, List.of(0.6827, 0.9545), 5,
                NeymanSettings.NuisanceTruth.NOMINAL));
        // small score blocks: the reference sample is several blocks, each drawing its own piece of every toy
        NsbiActions.get(spark).score().config(config).blockSize(700).out(dir.resolve("scored").toString()).execute();
        scored = dir.resolve("scored").toString();
    }

    private static NeymanAction neyman(String placement, int toysPerBlock, int partitions) {
        return NsbiActions.get(SharedSpark.session()).neyman().config(config).scored(scored).placement(placement)
                .toysPerBlock(toysPerBlock).partitions(partitions);
    }

    private static NeymanSummary run(String name, String placement, int toysPerBlock, int partitions) {
        return neyman(placement, toysPerBlock, partitions).out(dir.resolve(name).toString()).execute().summary().neyman();
    }

    private static List<Row> toys(String name) {
        return SharedSpark.session().read().parquet(dir.resolve(name).resolve("toys").toString())
                .orderBy("mu_index", "toy").collectAsList();
    }

    @Test
    void distributedToysAreBitIdenticalForAnyPartitionsAndTasksResumeAndAreNamedInThePlanAndSummary() throws Exception {
        NeymanSummary a = run("dist-a", "distributed", 5, 0);
        run("dist-b", "distributed", 12, 1);
        List<Row> toysA = toys("dist-a");
        assertEquals(24, toysA.size(), "2 points x 12 toys");
        assertEquals(toysA, toys("dist-b"), "5 toys per task on 4 partitions per core = 12 per task on 1, bit for bit");
        assertTrue(toysA.stream().filter(r -> r.getBoolean(6)).count() >= 23, "the toys' fits converge");
        assertEquals(Files.readString(dir.resolve("dist-a").resolve("belts.csv")),
                Files.readString(dir.resolve("dist-b").resolve("belts.csv")));
        ReferencePlacement p = a.placement();
        assertEquals("distributed", p.place());
        assertEquals(9000, p.events(), "the reference sample's events, from scored.json");
        assertTrue(p.reason().endsWith("distributed by --placement"), p.reason());

        // a run stopped before its commit, half of its blocks lost
        OutputFolder stopped = OutputFolder.create(dir.resolve("dist-resumed").toString(), OutputFolder.ExistingPolicy.REFUSE,
                SharedSpark.session().sparkContext().hadoopConfiguration());
        try {
            neyman("distributed", 4, 0).stage(stopped, scored);
        } finally {
            stopped.abandon();
        }
        Path checkpoint = dir.resolve(".dist-resumed.checkpoint").resolve("toys");
        String plan = Files.readString(checkpoint.resolve("plan.txt"));
        assertTrue(plan.contains("toys distributed: "), plan);
        assertTrue(plan.contains("reference 9000 events in ") && plan.contains(" blocks, sha256 over blocks "), plan);
        List<Path> files;
        try (var list = Files.list(checkpoint.resolve("blocks"))) {
            files = list.filter(f -> f.getFileName().toString().endsWith(".bin")).sorted().toList();
        }
        assertEquals(6, files.size(), "2 grid points x 3 blocks of 4 toys");
        for (int i = 0; i < files.size(); i += 2) {
            Files.delete(files.get(i));
        }
        RuntimeException e = assertThrows(RuntimeException.class,
                () -> neyman("single", 4, 0).out(dir.resolve("dist-resumed").toString()).resume(true).execute());
        assertTrue(e.getMessage().contains("were made for another run") && e.getMessage().contains("sha256 over blocks"),
                "a resume on the broadcast path is refused: " + e.getMessage());
        NeymanSummary r = neyman("distributed", 4, 2).out(dir.resolve("dist-resumed").toString()).resume(true).execute()
                .summary().neyman();
        assertEquals(12L, r.toysComputed(), "only the 3 missing blocks are computed");
        assertEquals(toysA, toys("dist-resumed"), "the resumed run's toys equal the uninterrupted run's, bit for bit");
        assertFalse(Files.exists(dir.resolve(".dist-resumed.checkpoint")), "the checkpoints go with the commit");

        // auto keeps this small reference sample in one JVM: the broadcast path, other streams, the same closure
        NeymanSummary single = run("auto", "auto", 12, 0);
        ReferencePlacement q = single.placement();
        assertEquals("single", q.place());
        assertTrue(q.tableBytes() <= q.limitBytes() && q.reason().contains("within the one-JVM limit"), q.reason());
        assertNotEquals(toysA, toys("auto"), "the broadcast path draws other toys (other streams)");
        for (int m = 0; m < 2; m++) {
            assertEquals(single.asimovClosure().get(m).closure(), a.asimovClosure().get(m).closure(), 1e-12,
                    "the same Asimov closure on both paths, computed on the blocks or the whole table");
        }
    }

    @Test
    void theIntervalScansTheSameOnTheDriverAndOnTheExecutors() throws Exception {
        run("for-interval", "single", 12, 0);
        for (Double asimov : new Double[] {null, 1.0}) {
            String tag = asimov == null ? "observed" : "asimov";
            IntervalResult single = interval("interval-single-" + tag, asimov, "auto");
            IntervalResult distributed = interval("interval-distributed-" + tag, asimov, "distributed");
            assertEquals("single", single.placement().place(), "auto scans a small data set on the driver");
            assertEquals("distributed", distributed.placement().place());
            List<String> a = Files.readAllLines(dir.resolve("interval-single-" + tag).resolve("scan.csv"));
            List<String> b = Files.readAllLines(dir.resolve("interval-distributed-" + tag).resolve("scan.csv"));
            assertEquals(a.size(), b.size());
            for (int i = 1; i < a.size(); i++) {
                double ta = Double.parseDouble(a.get(i).split(",")[1]);
                double tb = Double.parseDouble(b.get(i).split(",")[1]);
                assertEquals(ta, tb, 1e-9, tag + " t at scan line " + i);
            }
            assertEquals(single.muHat(), distributed.muHat(), 1e-6, tag + " mu-hat");
        }
    }

    /**
     * shape_normalisation: per_event needs the whole reference sample in one JVM (its normalisation is a mean over it),
     * so a forced --placement distributed is refused with a message naming both, before anything is written; single
     * runs.
     */
    @Test
    void normalisedShapesWithTheReferenceOnTheExecutorsAreRefusedNamingBoth() {
        List<org.nsbi.model.config.Systematic> normalised = new java.util.ArrayList<>();
        for (org.nsbi.model.config.Systematic s : config.systematics()) {
            boolean shape = s.effects().stream().anyMatch(e -> e.ratioUp().isPresent());
            normalised.add(new org.nsbi.model.config.Systematic(s.name(), s.effects(), s.low(), s.high(), shape));
        }
        assertTrue(normalised.stream().anyMatch(org.nsbi.model.config.Systematic::normalisedShape),
                "the small toy has a shape systematic to normalise");
        AnalysisConfig perEvent = config.withSystematics(normalised);
        SparkSession spark = SharedSpark.session();
        NsbiActions.get(spark).score().config(perEvent).blockSize(700).out(dir.resolve("scored-per-event").toString())
                .execute();
        Path out = dir.resolve("per-event-distributed");
        org.nsbi.model.UserError e = assertThrows(org.nsbi.model.UserError.class,
                () -> NsbiActions.get(spark).neyman().config(perEvent).scored(dir.resolve("scored-per-event").toString())
                        .placement("distributed").toysPerBlock(12).out(out.toString()).execute());
        assertTrue(e.getMessage().contains("--placement distributed") && e.getMessage().contains("per_event"),
                e.getMessage());
        assertFalse(Files.exists(out), "nothing written");
        NeymanSummary single = NsbiActions.get(spark).neyman().config(perEvent)
                .scored(dir.resolve("scored-per-event").toString()).placement("single").toysPerBlock(12)
                .out(dir.resolve("per-event-single").toString()).execute().summary().neyman();
        assertEquals("single", single.placement().place());
    }

    private static IntervalResult interval(String name, Double asimov, String placement) {
        var action = NsbiActions.get(SharedSpark.session()).interval().config(config)
                .run(dir.resolve("for-interval").toString()).scanSteps(10).placement(placement)
                .out(dir.resolve(name).toString());
        if (asimov != null) {
            action.asimov(asimov);
        }
        return action.execute().summary().interval();
    }
}
