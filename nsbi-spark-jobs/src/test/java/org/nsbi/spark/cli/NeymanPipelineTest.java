package org.nsbi.spark.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nsbi.model.config.AnalysisConfig;
import org.nsbi.model.config.NeymanSettings;
import org.nsbi.model.output.IntervalResult;
import org.nsbi.model.output.Json;
import org.nsbi.model.output.ScoreSummary;
import org.nsbi.model.analysis.AnalysisModel;
import org.nsbi.spark.SharedSpark;
import org.nsbi.spark.actions.NeymanAction;
import org.nsbi.spark.actions.NsbiActions;
import org.nsbi.spark.io.OutputFolder;
import org.nsbi.stats.belt.BeltPoint;
import org.nsbi.stats.interval.ConfidenceInterval;
import org.nsbi.stats.model.MixtureModel;
import picocli.CommandLine;

/**
 * The chain score -> neyman -> interval on a small off-shell toy with exact ratios, on the shared local[2]
 * session: the toys table must be bit-identical however the toys are cut into tasks and partitions (one
 * partition runs everything in sequence on one core, as local[1] would).
 */
class NeymanPipelineTest {

    @TempDir
    static Path dir;
    static AnalysisConfig config;
    static MixtureModel model;
    static String scored;

    @BeforeAll
    static void scoreOnce() throws Exception {
        SparkSession spark = SharedSpark.session();
        config = SmallExactToy.config(4000, 1, new NeymanSettings(List.of(0.5, 1.0, 2.0), 24, List.of(0.6827, 0.9545), 11,
                NeymanSettings.NuisanceTruth.NOMINAL));
        model = AnalysisModel.mixture(config);
        ScoreSummary summary = NsbiActions.get(spark).score().config(config).blockSize(1000)
                .out(dir.resolve("scored").toString()).execute();
        scored = dir.resolve("scored").toString();
        assertEquals(summary, Json.read(Files.readString(dir.resolve("scored").resolve("scored.json")),
                ScoreSummary.class, "scored.json"), "scored.json reads back into the summary it was written from");
        assertEquals(model.nuisances(), List.copyOf(summary.observedAux().keySet()), "observed aux by name");
        for (Map.Entry<String, Double> e : summary.closure().entrySet()) {
            assertEquals(1.0, e.getValue(), 0.05, "exact ratios close on 12000 reference events: " + e.getKey());
        }
    }

    private static OutputFolder folder(String name) {
        return OutputFolder.create(dir.resolve(name).toString(), OutputFolder.ExistingPolicy.REFUSE,
                SharedSpark.session().sparkContext().hadoopConfiguration());
    }

    private static NeymanAction neyman(int toysPerBlock, int partitions) {
        return NsbiActions.get(SharedSpark.session()).neyman().config(config).scored(scored).toysPerBlock(toysPerBlock)
                .partitions(partitions);
    }

    private static List<Row> neyman(String name, int toysPerBlock, int partitions) {
        NeymanAction.Result r = neyman(toysPerBlock, partitions).out(dir.resolve(name).toString()).execute();
        assertEquals(72L, r.summary().neyman().toys());
        return toys(name);
    }

    private static List<Row> sixPerBlock;

    /** The uninterrupted run, 6 toys per block, that the resumed runs must reproduce (computed once for the class). */
    private static synchronized List<Row> sixPerBlockReference() {
        if (sixPerBlock == null) {
            sixPerBlock = neyman("six-per-block", 6, 0);
        }
        return sixPerBlock;
    }

    /** A run into {@code name} that stops before its commit, leaving its checkpoints. */
    private static void interrupted(String name, int toysPerBlock) {
        OutputFolder out = folder(name);
        try {
            neyman(toysPerBlock, 0).stage(out, scored);
        } finally {
            out.abandon();
        }
    }

    private static NeymanAction.Result resumed(String name, int toysPerBlock) {
        return neyman(toysPerBlock, 0).out(dir.resolve(name).toString()).resume(true).execute();
    }

    private static List<Row> toys(String name) {
        return SharedSpark.session().read().parquet(dir.resolve(name).resolve("toys").toString())
                .orderBy("mu_index", "toy").collectAsList();
    }

    @Test
    void toysAreBitIdenticalWhateverTheTasksAndPartitions() throws Exception {
        List<Row> manyTasks = neyman("neyman-a", 5, 0);
        List<Row> oneCore = neyman("neyman-b", 24, 1);
        assertEquals(72, manyTasks.size());
        assertEquals(manyTasks, oneCore, "the same toys, bit for bit");
        long converged = manyTasks.stream().filter(r -> r.getBoolean(6)).count();
        assertEquals(72, converged, "every toy's fits converged");

        String belts = Files.readString(dir.resolve("neyman-a").resolve("belts.csv"));
        assertTrue(belts.startsWith(BeltPoint.CSV_HEADER + "\n"), belts);
        assertTrue(BeltPoint.CSV_HEADER.endsWith(",n_at_bound"), "n_at_bound is the last column");
        assertEquals(7, belts.strip().split("\n").length, "header + 3 grid points x 2 levels");
        assertTrue(Files.isDirectory(dir.resolve("neyman-a").resolve("belts")), "belts as Parquet too");

        IntervalResult s = NsbiActions.get(SharedSpark.session()).interval().config(config)
                .run(dir.resolve("neyman-a").toString()).scanSteps(20).out(dir.resolve("interval").toString()).execute()
                .summary().interval();
        List<ConfidenceInterval> intervals = s.intervals();
        assertEquals(4, intervals.size(), "neyman and wilks at two levels");
        assertEquals(List.of("neyman", "wilks", "neyman", "wilks"), intervals.stream().map(ConfidenceInterval::method).toList());
        assertTrue(Files.readString(dir.resolve("interval").resolve("scan.csv")).startsWith("mu,t_obs,t_crit_68,t_crit_95,at_bound\n"));
        assertEquals(model.nuisances(), List.copyOf(s.alphaHat().keySet()), "alpha-hat by name");
        double muHat = s.muHat();
        assertTrue(muHat >= 0 && muHat < 4, "mu-hat " + muHat);
    }

    @Test
    void anOutputFolderHoldingARunIsRefusedWithExitCode2() throws Exception {
        Path taken = dir.resolve("taken");
        Files.createDirectories(taken);
        Files.writeString(taken.resolve("summary.json"), "{}");
        Files.writeString(taken.resolve(OutputFolder.MARKER), "{}");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        CommandLine cl = NsbiCommand.commandLine();
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute("neyman", "--config", Path.of("..", "submit", "examples", "offshell-toy-exact.yaml").toString(),
                "--scored", scored, "--out", taken.toString(), "--master", "local[2]");
        assertEquals(2, code, err.toString());
        assertTrue(err.toString().contains("holds an earlier nsbi output"), err.toString());
        assertEquals("{}", Files.readString(taken.resolve("summary.json")), "the old run is untouched");
        assertFalse(Files.list(dir).anyMatch(p -> p.getFileName().toString().startsWith(".taken.staging")),
                "no staging folder left behind");
    }

    @Test
    void anInterruptedRunResumesFromItsCheckpointsToTheSameToys() throws Exception {
        List<Row> whole = sixPerBlockReference();
        // a run that stopped before its commit leaves every block in .<name>.checkpoint; drop some, as if it had
        // been killed half way
        interrupted("resumed", 6);
        Path blocks = dir.resolve(".resumed.checkpoint").resolve("toys").resolve("blocks");
        List<Path> files;
        try (var list = Files.list(blocks)) {
            files = list.filter(p -> p.getFileName().toString().endsWith(".bin")).sorted().toList();
        }
        assertEquals(12, files.size(), "3 grid points x 4 blocks of 6 toys");
        for (int i = 0; i < files.size(); i += 2) {
            Files.delete(files.get(i));
        }
        assertFalse(Files.exists(dir.resolve("resumed")), "nothing in place before the commit");

        OutputFolder refused = null;
        try {
            refused = folder("resumed");
        } catch (OutputFolder.OutputFolderException e) {
            assertTrue(e.getMessage().contains("an interrupted run left its checkpoints at")
                    && e.getMessage().contains("pass --resume to complete it, or --overwrite to start again"), e.getMessage());
        }
        assertEquals(null, refused, "a plain run must not start over an interrupted one");

        NeymanAction.Result r = resumed("resumed", 6);
        assertEquals(36L, r.summary().neyman().toysComputed(), "only the 6 missing blocks are computed");
        assertEquals(whole, toys("resumed"), "the resumed run's toys are bit-identical to the uninterrupted run's");
        assertFalse(Files.exists(dir.resolve(".resumed.checkpoint")), "the checkpoints go with the commit");
    }

    @Test
    void checkpointsOfAnotherPlanAreNotMixedIn() {
        interrupted("other-plan", 6);
        RuntimeException e = org.junit.jupiter.api.Assertions.assertThrows(RuntimeException.class,
                () -> neyman(6, 0).seed(12).out(dir.resolve("other-plan").toString()).resume(true).execute());
        assertTrue(e.getMessage().contains("were made for another run: they have seed 11 where this run has seed 12"),
                e.getMessage());
    }

    @Test
    void aResumedRunWithAnotherBlockSizeReusesTheToys() {
        List<Row> whole = sixPerBlockReference();
        interrupted("other-blocks", 6);
        NeymanAction.Result r = resumed("other-blocks", 8);
        assertEquals(0L, r.summary().neyman().toysComputed(), "a toy is the same in any block: none is computed again");
        assertEquals(whole, toys("other-blocks"));
    }

    @Test
    void adaptiveToysAreTheFirstToysOfEachPointsStreams() {
        NeymanAction.Result all = neyman(12, 0).toys(48).out(dir.resolve("uniform48").toString()).execute();
        NeymanAction.Result r = neyman(12, 0).minToys(12).maxToys(48).targetPrecision(0).signif(1)
                .out(dir.resolve("adaptive").toString()).execute();
        long used = 0;
        for (int m = 0; m < 3; m++) {
            int n = r.belt().point(m, 0.6827).nToys();
            assertTrue(List.of(12, 24, 48).contains(n), "rounds of 12, 24, 48 toys: " + n);
            int point = m;
            List<org.nsbi.stats.toys.ToyOutcome> first = all.outcomes().stream()
                    .filter(o -> o.muIndex() == point && o.toyIndex() < n)
                    .sorted(java.util.Comparator.comparingInt(org.nsbi.stats.toys.ToyOutcome::toyIndex)).toList();
            List<org.nsbi.stats.toys.ToyOutcome> got = r.outcomes().stream().filter(o -> o.muIndex() == point)
                    .sorted(java.util.Comparator.comparingInt(org.nsbi.stats.toys.ToyOutcome::toyIndex)).toList();
            assertTrue(first.equals(got), "the adaptive point's " + n + " toys are the first " + n + " of the uniform run's");
            used += n;
        }
        assertEquals(used, r.summary().neyman().toys(), "the summary counts the toys used");

        org.nsbi.model.UserError e = org.junit.jupiter.api.Assertions.assertThrows(org.nsbi.model.UserError.class,
                () -> neyman(25, 0).minToys(100).maxToys(50).out(dir.resolve("adaptive-bad").toString()).execute());
        assertFalse(Files.exists(dir.resolve("adaptive-bad")), "refused before anything is written");
        assertEquals("--min-toys = 100, --max-toys = 50; expected 1 <= min <= max", e.getMessage());
    }

    @Test
    void gridRefinementAddsMidPointsAroundTheEndpointsAndComputesOnlyTheirToys() {
        // the Asimov data at mu = 1: endpoints on both sides of 1; a precision never reached: the rounds run out
        NeymanAction.Result r = neyman(12, 0).toys(24).signifAsimov(1.0).gridPrecision(1e-6).maxRefinements(2)
                .out(dir.resolve("refined").toString()).execute();
        org.nsbi.model.output.NeymanSummary s = r.summary().neyman();
        double[] grid = s.muGrid();
        assertTrue(grid.length > 3, "points were added: " + java.util.Arrays.toString(grid));
        assertTrue(s.gridEndpoints() != null && !s.gridEndpoints().isEmpty());
        for (org.nsbi.model.output.GridEndpoint e : s.gridEndpoints()) {
            assertTrue(e.bracketLo() <= e.mu() && e.mu() <= e.bracketHi(), e.toString());
            assertTrue(e.gridUncertainty() <= (e.bracketHi() - e.bracketLo()) / 2, e.toString());
        }
        assertEquals(24L * grid.length, s.toysComputed(), "every point's toys computed once, none again");

        NeymanAction.Result u = neyman(12, 0).toys(24).out(dir.resolve("unrefined").toString()).execute();
        for (double mu : new double[] {0.5, 1.0, 2.0}) {
            List<List<Double>> before = u.outcomes().stream().filter(o -> o.muTrue() == mu)
                    .sorted(java.util.Comparator.comparingInt(org.nsbi.stats.toys.ToyOutcome::toyIndex))
                    .map(o -> List.of(o.t(), o.muHat())).toList();
            List<List<Double>> after = r.outcomes().stream().filter(o -> o.muTrue() == mu)
                    .sorted(java.util.Comparator.comparingInt(org.nsbi.stats.toys.ToyOutcome::toyIndex))
                    .map(o -> List.of(o.t(), o.muHat())).toList();
            assertEquals(before, after, "mu = " + mu + ": the added points leave its toys as they were");
        }
    }

    @Test
    void extendIsRefusedForAnOutputWithoutToys() {
        org.nsbi.model.UserError e = org.junit.jupiter.api.Assertions.assertThrows(org.nsbi.model.UserError.class,
                () -> NsbiActions.get(SharedSpark.session()).score().extend(true));
        assertTrue(e.getMessage().startsWith("--extend applies to neyman, run and demo"), e.getMessage());
        org.nsbi.model.UserError both = org.junit.jupiter.api.Assertions.assertThrows(org.nsbi.model.UserError.class,
                () -> neyman(12, 0).extend(true).overwrite(true));
        assertTrue(both.getMessage().contains("exclude each other"), both.getMessage());
    }
}
