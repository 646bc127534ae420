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
import org.nsbi.model.output.ReferencePlacement;
import org.nsbi.model.output.ScoreSummary;
import org.nsbi.spark.SharedSpark;
import org.nsbi.spark.io.OutputFolder;
import org.nsbi.stats.model.MixtureModel;

/**
 * {@code neyman} with the reference sample kept in blocks on the executors ({@code --placement distributed}): the
 * toys are bit-identical for any number of shuffle partitions and toys per task, a run resumes from its
 * checkpoints to the same toys, the plan and the summary name the path, and a resume on the other path is refused.
 */
class DistributedNeymanTest {

    @TempDir
    static Path dir;
    static AnalysisConfig config;
    static MixtureModel model;
    static String scored;

    @BeforeAll
    static void scoreOnce() {
        SparkSession spark = SharedSpark.session();
        config = SmallExactToy.config(3000, 1, new NeymanSettings(List.of(0.5, 2.0), 12, List.of(0.6827, 0.9545), 5,
                NeymanSettings.NuisanceTruth.NOMINAL));
        model = Pipeline.model(config);
        OutputFolder out = folder("scored");
        // small score blocks: the reference sample is several blocks, each drawing its own piece of every toy
        ScoreSummary summary = Pipeline.score(spark, config, out, 700, Pipeline.provenance(spark, config));
        out.mark(org.nsbi.spark.provenance.ConfigProvenance.marker("score", summary.provenance()));
        out.commit();
        scored = dir.resolve("scored").toString();
    }

    private static OutputFolder folder(String name) {
        return OutputFolder.create(dir.resolve(name).toString(), OutputFolder.ExistingPolicy.REFUSE,
                SharedSpark.session().sparkContext().hadoopConfiguration());
    }

    private static Pipeline.NeymanOverrides overrides(String placement, int toysPerBlock, int partitions) {
        Pipeline.NeymanOverrides o = new Pipeline.NeymanOverrides();
        o.placement = placement;
        o.toysPerBlock = toysPerBlock;
        o.partitions = partitions;
        return o;
    }

    private static Pipeline.Construction neyman(OutputFolder out, Pipeline.NeymanOverrides o, boolean commit) {
        Pipeline.Construction r = Pipeline.neyman(SharedSpark.session(), config, model, scored, out, o);
        if (commit) {
            out.commit();
        } else {
            out.abandon();
        }
        return r;
    }

    private static List<Row> toys(String name) {
        return SharedSpark.session().read().parquet(dir.resolve(name).resolve("toys").toString())
                .orderBy("mu_index", "toy").collectAsList();
    }

    @Test
    void distributedToysAreBitIdenticalForAnyPartitionsAndTasksResumeAndAreNamedInThePlanAndSummary() throws Exception {
        Pipeline.Construction a = neyman(folder("dist-a"), overrides("distributed", 5, 0), true);
        Pipeline.Construction b = neyman(folder("dist-b"), overrides("distributed", 12, 1), true);
        List<Row> toysA = toys("dist-a");
        assertEquals(24, toysA.size(), "2 points x 12 toys");
        assertEquals(toysA, toys("dist-b"), "5 toys per task on 4 partitions per core = 12 per task on 1, bit for bit");
        assertTrue(toysA.stream().filter(r -> r.getBoolean(6)).count() >= 23, "the toys' fits converge");
        assertEquals(a.belt().toCsv(), b.belt().toCsv());
        ReferencePlacement p = a.summary().placement();
        assertEquals("distributed", p.place());
        assertEquals(9000, p.events(), "the reference sample's events, counted on the executors");
        assertTrue(p.reason().endsWith("distributed by --placement"), p.reason());

        // a run stopped before its commit, half of its blocks lost
        neyman(folder("dist-resumed"), overrides("distributed", 4, 0), false);
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
        OutputFolder other = OutputFolder.create(dir.resolve("dist-resumed").toString(), OutputFolder.ExistingPolicy.RESUME,
                SharedSpark.session().sparkContext().hadoopConfiguration());
        RuntimeException e = assertThrows(RuntimeException.class,
                () -> Pipeline.neyman(SharedSpark.session(), config, model, scored, other, overrides("single", 4, 0)));
        other.abandon();
        assertTrue(e.getMessage().contains("were made for another run") && e.getMessage().contains("sha256 over blocks"),
                "a resume on the broadcast path is refused: " + e.getMessage());
        OutputFolder again = OutputFolder.create(dir.resolve("dist-resumed").toString(), OutputFolder.ExistingPolicy.RESUME,
                SharedSpark.session().sparkContext().hadoopConfiguration());
        Pipeline.Construction r = neyman(again, overrides("distributed", 4, 2), true);
        assertEquals(12L, r.summary().toysComputed(), "only the 3 missing blocks are computed");
        assertEquals(toysA, toys("dist-resumed"), "the resumed run's toys equal the uninterrupted run's, bit for bit");
        assertFalse(Files.exists(dir.resolve(".dist-resumed.checkpoint")), "the checkpoints go with the commit");

        // auto keeps this small reference sample in one JVM: the broadcast path, other streams, the same closure
        Pipeline.Construction single = neyman(folder("auto"), overrides("auto", 12, 0), true);
        ReferencePlacement q = single.summary().placement();
        assertEquals("single", q.place());
        assertTrue(q.tableBytes() <= q.limitBytes() && q.reason().contains("within the one-JVM limit"), q.reason());
        assertNotEquals(toysA, toys("auto"), "the broadcast path draws other toys (other streams)");
        for (int m = 0; m < 2; m++) {
            assertEquals(single.summary().asimovClosure().get(m).closure(), a.summary().asimovClosure().get(m).closure(),
                    1e-12, "the same Asimov closure on both paths, computed on the blocks or the whole table");
        }
    }

    @Test
    void theIntervalScansTheSameOnTheDriverAndOnTheExecutors() throws Exception {
        Pipeline.Construction c = neyman(folder("for-interval"), overrides("single", 12, 0), true);
        for (Double asimov : new Double[] {null, 1.0}) {
            String tag = asimov == null ? "observed" : "asimov";
            OutputFolder one = folder("interval-single-" + tag);
            Pipeline.IntervalStage single = Pipeline.interval(SharedSpark.session(), config, model, scored, c.belt(), asimov,
                    10, one, "scan.csv", "auto");
            one.commit();
            OutputFolder many = folder("interval-distributed-" + tag);
            Pipeline.IntervalStage distributed = Pipeline.interval(SharedSpark.session(), config, model, scored, c.belt(),
                    asimov, 10, many, "scan.csv", "distributed");
            many.commit();
            assertEquals("single", single.result().placement().place(), "auto scans a small data set on the driver");
            assertEquals("distributed", distributed.result().placement().place());
            List<String> a = Files.readAllLines(dir.resolve("interval-single-" + tag).resolve("scan.csv"));
            List<String> b = Files.readAllLines(dir.resolve("interval-distributed-" + tag).resolve("scan.csv"));
            assertEquals(a.size(), b.size());
            for (int i = 1; i < a.size(); i++) {
                double ta = Double.parseDouble(a.get(i).split(",")[1]);
                double tb = Double.parseDouble(b.get(i).split(",")[1]);
                assertEquals(ta, tb, 1e-9, tag + " t at scan line " + i);
            }
            assertEquals(single.result().muHat(), distributed.result().muHat(), 1e-6, tag + " mu-hat");
        }
    }
}
