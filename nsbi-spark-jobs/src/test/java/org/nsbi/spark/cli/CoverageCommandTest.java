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
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nsbi.model.config.AnalysisConfig;
import org.nsbi.model.config.AnalysisConfigParser;
import org.nsbi.model.config.NeymanSettings;
import org.nsbi.model.coverage.CoverageWorkload;
import org.nsbi.model.output.CoverageSummary;
import org.nsbi.model.score.ScoringPlan;
import org.nsbi.spark.SharedSpark;
import org.nsbi.spark.coverage.CoverageJob;
import org.nsbi.spark.io.OutputFolder;
import org.nsbi.stats.model.MixtureModel;
import org.nsbi.stats.toys.ToyOutcome;
import picocli.CommandLine;

/**
 * {@code nsbi coverage} on a small exact-ratio off-shell toy run (3 x 3000 reference events, 40 toys at mu = 0, 1, 2,
 * three nuisance parameters): simulator experiments are the same bit for bit however they are cut into tasks and
 * partitions; coverage.json records the source, the truths, the seeds and the run's hashes; the bootstrap is labelled a
 * closure test; an independent MC sample is bootstrapped; meaningless combinations are refused with exit code 2.
 */
class CoverageCommandTest {

    @TempDir
    static Path dir;
    static Path run;

    @BeforeAll
    static void scoreAndBuildTheBelt() throws Exception {
        SharedSpark.session();
        String example = Files.readString(Path.of("..", "submit", "examples", "offshell-toy-exact.yaml"));
        String small = example.replace("events: 100000", "events: 3000")
                .replace("mu_grid: {from: 0, to: 4, steps: 17}", "mu_grid: {from: 0, to: 2, steps: 3}")
                .replace("toys_per_point: 200", "toys_per_point: 40");
        assertFalse(small.equals(example));
        Path config = dir.resolve("small.yaml");
        Files.writeString(config, small);
        run = dir.resolve("run");
        ok("score", "--config", config.toString(), "--out", dir.resolve("scored").toString());
        ok("neyman", "--config", config.toString(), "--scored", dir.resolve("scored").toString(), "--out", run.toString());
    }

    static String nsbi(int expected, String... args) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        CommandLine cl = NsbiCommand.commandLine();
        cl.setErr(new PrintWriter(err, true));
        String[] all = new String[args.length + 2];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--master";
        all[args.length + 1] = "local[2]";
        assertEquals(expected, cl.execute(all), err.toString());
        return err.toString();
    }

    static void ok(String... args) {
        nsbi(0, args);
    }

    static List<Row> experiments(Path out) {
        return SharedSpark.session().read().parquet(out.resolve("experiments").toString()).orderBy("mu_index", "toy")
                .collectAsList();
    }

    static CoverageSummary coverage(Path out) throws Exception {
        return org.nsbi.spark.report.RunReader.coverageOf(Files.readString(out.resolve("coverage.json")), "coverage.json");
    }

    @Test
    void simulatorExperimentsAreBitIdenticalWhateverTheTasksAndRecordWhatWasTested() throws Exception {
        Path a = dir.resolve("cov-a");
        Path b = dir.resolve("cov-b");
        String[] common = {"coverage", "--run", run.toString(), "--experiments-from", "simulator", "--mu", "0.5,1,1.5",
                "--alpha", "energy_scale=1,ni_shape=-1", "--experiments", "12"};
        ok(concat(common, "--out", a.toString(), "--experiments-per-block", "5"));
        ok(concat(common, "--out", b.toString(), "--experiments-per-block", "12", "--partitions", "1"));
        List<Row> rows = experiments(a);
        assertEquals(36, rows.size());
        assertEquals(rows, experiments(b), "the same experiments, bit for bit");
        assertTrue(rows.stream().allMatch(r -> r.getBoolean(6)), "every experiment's fits converged");

        CoverageSummary f = coverage(a);
        assertEquals("simulator", f.source());
        assertTrue(f.tests().startsWith("a coverage check of the analysis"), f.tests());
        assertEquals("coverage-simulator", f.streams());
        assertEquals(f.beltSeed(), f.seed(), "the run's seed by default");
        assertEquals(org.nsbi.spark.provenance.ConfigProvenance.sha256(Files.readAllBytes(run.resolve("belts.csv"))), f.runHashes().belts());
        assertEquals(org.nsbi.spark.provenance.ConfigProvenance.sha256(Files.readAllBytes(run.resolve("summary.json"))), f.runHashes().summary());
        assertEquals(64, f.runHashes().reference().length());
        assertEquals(3, f.truths().size());
        assertEquals(Map.of("energy_scale", 1.0, "ni_norm", 0.0, "ni_shape", -1.0), f.truths().get(1).alpha());
        assertTrue(f.nuisanceTruth().startsWith("nominal"), f.nuisanceTruth());
        assertEquals(3 * 2 * 2, f.coverage().size(), "3 mu_true x 2 levels x Neyman and Wilks");
        for (CoverageSummary.Row r : f.coverage()) {
            assertEquals(12, r.n());
            assertEquals(r.method().equals("neyman") ? 40 : 0, r.beltToys());
            assertTrue(r.error() > 0, "never a zero error");
        }
        assertTrue(Files.size(a.resolve("coverage.png")) > 1000, "the plot");
        assertEquals(coverage(b).coverage(), f.coverage(), "the same coverage");
    }

    @Test
    void theBootstrapIsLabelledAClosureTestAndAnIndependentSampleIsBootstrapped() throws Exception {
        Path boot = dir.resolve("cov-boot");
        ok("coverage", "--run", run.toString(), "--experiments-from", "bootstrap", "--experiments", "6", "--out", boot.toString());
        CoverageSummary f = coverage(boot);
        assertEquals("bootstrap", f.source());
        assertTrue(f.tests().startsWith("a closure test of the machinery only"), f.tests());
        assertEquals(List.of(0.0, 0.5, 1.0, 1.5, 2.0), f.truths().stream().map(CoverageSummary.Truth::mu).toList(),
                "by default the grid points and the mid-points");

        Path mc = dir.resolve("mc");
        ok("simulate", "--samples", "S,B,NI", "--events", "3000", "--seed", "777", "--out", mc.toString());
        Path files = dir.resolve("cov-files");
        String sample = String.join(",", mc.resolve("samples/S").toString(), mc.resolve("samples/B").toString(),
                mc.resolve("samples/NI").toString());
        ok("coverage", "--run", run.toString(), "--experiments-from", sample, "--weight-column", "weight", "--mu", "1",
                "--experiments", "6", "--out", files.toString());
        CoverageSummary g = coverage(files);
        assertEquals("files", g.source());
        assertEquals(3, g.sourceFiles().size());
        assertTrue(g.tests().contains("independent MC sample"), g.tests());
        assertEquals(6, experiments(files).size());

        // the reference sample itself, as per-event files: the same samples, seeds and block size as the config's
        List<String> parts = new java.util.ArrayList<>();
        long seed = 101;
        for (String name : List.of("S", "B", "NI")) {
            Path copy = dir.resolve("reference-" + name);
            ok("simulate", "--samples", name, "--events", "3000", "--seed", String.valueOf(seed++), "--block-size", "4096",
                    "--out", copy.toString());
            parts.add(copy.resolve("samples").resolve(name).toString());
        }
        String reference = String.join(",", parts);
        String e = nsbi(2, "coverage", "--run", run.toString(), "--experiments-from", reference, "--weight-column", "weight",
                "--experiments", "2", "--out", dir.resolve("refused-reference").toString());
        assertTrue(e.contains("these are the events of the run's reference sample, not an independent MC sample"), e);
    }

    @Test
    void combinationsThatMeanNothingAreRefused() throws Exception {
        String e = nsbi(2, "coverage", "--run", run.toString(), "--experiments-from", "bootstrap", "--alpha", "ni_norm=1",
                "--out", dir.resolve("refused-1").toString());
        assertTrue(e.contains("a closure test of the machinery, drawn at the belt's own truth"), e);
        e = nsbi(2, "coverage", "--run", run.toString(), "--experiments-from", "simulator", "--alpha", "jes=1",
                "--out", dir.resolve("refused-2").toString());
        assertTrue(e.contains("the analysis has no nuisance parameter 'jes'"), e);
        e = nsbi(2, "coverage", "--run", run.toString(), "--experiments-from", "simulator", "--mu", "2.5",
                "--out", dir.resolve("refused-3").toString());
        assertTrue(e.contains("expected a true mu inside the belt's grid range [0.0, 2.0]"), e);

        Path profiled = dir.resolve("run-profiled");
        Files.createDirectories(profiled);
        Files.copy(run.resolve("belts.csv"), profiled.resolve("belts.csv"));
        Files.copy(run.resolve("nsbi-output.json"), profiled.resolve("nsbi-output.json"));
        Files.writeString(profiled.resolve("summary.json"), Files.readString(run.resolve("summary.json"))
                .replace("\"nuisance_truth\" : \"nominal\"", "\"nuisance_truth\" : \"profiled\""));
        e = nsbi(2, "coverage", "--run", profiled.toString(), "--experiments-from", "simulator", "--alpha", "ni_norm=1",
                "--out", dir.resolve("refused-4").toString());
        assertTrue(e.contains("nuisance_truth: profiled"), e);
        assertTrue(e.contains("alpha_true = alpha-hat-hat(mu_true)"), e);
        assertFalse(Files.exists(dir.resolve("refused-4")), "nothing written");

        Path checked = dir.resolve("cov-profiled");
        ok("coverage", "--run", profiled.toString(), "--config", dir.resolve("small.yaml").toString(), "--experiments-from",
                "simulator", "--mu", "1", "--experiments", "2", "--out", checked.toString());
        CoverageSummary f = coverage(checked);
        assertTrue(f.nuisanceTruth().startsWith("profiled"), f.nuisanceTruth());
        AnalysisConfig config = AnalysisConfigParser.withDefaults().parse(dir.resolve("small.yaml"));
        MixtureModel model = org.nsbi.model.analysis.AnalysisModel.mixture(config);
        double[] alphaHatHat = org.nsbi.spark.actions.NeymanAction.alphaTrue(NeymanSettings.NuisanceTruth.PROFILED, new double[] {1}, model,
                org.nsbi.spark.score.ScoredFolder.of(SharedSpark.session(), dir.resolve("scored").toString(), config, model).observedNll())[0];
        for (int k = 0; k < 3; k++) {
            assertEquals(alphaHatHat[k], f.truths().get(0).alpha().get(model.nuisances().get(k)), 0.0,
                    "alpha_true = alpha-hat-hat(1) of the observed data: " + model.nuisances().get(k));
        }
        assertTrue(java.util.Arrays.stream(alphaHatHat).anyMatch(a -> a != 0), "not the nominal truth");
    }

    @Test
    void anInterruptedCheckResumesFromItsCheckpointsToTheSameExperiments() throws Exception {
        AnalysisConfig config = AnalysisConfigParser.withDefaults().parse(dir.resolve("small.yaml"));
        MixtureModel model = org.nsbi.model.analysis.AnalysisModel.mixture(config);
        double[] mu = {0.5, 2};
        CoverageWorkload w = CoverageWorkload.simulator(model, mu, new double[2][3], ScoringPlan.of(config, null));
        CoverageJob.Settings s = new CoverageJob.Settings(9, 8, 2, 0);
        org.apache.hadoop.conf.Configuration conf = SharedSpark.session().sparkContext().hadoopConfiguration();
        OutputFolder whole = OutputFolder.create(dir.resolve("job-whole").toString(), OutputFolder.ExistingPolicy.REFUSE, conf);
        List<ToyOutcome> reference = CoverageJob.run(SharedSpark.session(), w, 2, s, whole, "plan\n");
        whole.commit();

        OutputFolder stopped = OutputFolder.create(dir.resolve("job-resumed").toString(), OutputFolder.ExistingPolicy.REFUSE, conf);
        CoverageJob.run(SharedSpark.session(), w, 2, s, stopped, "plan\n");
        stopped.abandon();
        Path blocks = dir.resolve(".job-resumed.checkpoint").resolve("experiments").resolve("blocks");
        List<Path> files;
        try (var list = Files.list(blocks)) {
            files = list.filter(p -> p.getFileName().toString().endsWith(".bin")).sorted().toList();
        }
        assertEquals(8, files.size(), "2 mu_true x 4 blocks of 2 experiments");
        for (int i = 0; i < files.size(); i += 2) {
            Files.delete(files.get(i));
        }
        OutputFolder again = OutputFolder.create(dir.resolve("job-resumed").toString(), OutputFolder.ExistingPolicy.RESUME, conf);
        List<ToyOutcome> resumed = CoverageJob.run(SharedSpark.session(), w, 2, s, again, "plan\n");
        again.commit();
        assertEquals(16, resumed.size());
        assertEquals(reference, resumed, "the resumed check's experiments are the uninterrupted one's");
        assertEquals(experiments(dir.resolve("job-whole")), experiments(dir.resolve("job-resumed")));
    }

    private static String[] concat(String[] a, String... b) {
        String[] out = new String[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
