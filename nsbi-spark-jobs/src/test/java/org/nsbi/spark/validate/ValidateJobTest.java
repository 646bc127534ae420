package org.nsbi.spark.validate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nsbi.model.UserError;
import org.nsbi.model.config.AnalysisConfig;
import org.nsbi.model.config.AnalysisConfigParser;
import org.nsbi.model.config.EventSource;
import org.nsbi.model.output.Json;
import org.nsbi.model.output.ValidationSummary;
import org.nsbi.model.validate.ValidationPlan;
import org.nsbi.spark.SharedSpark;
import org.nsbi.spark.io.HadoopFileAccess;
import org.nsbi.spark.io.OutputFolder;
import org.nsbi.stats.validate.EnsembleSpread;

/**
 * The validate job end to end on small off-shell toy samples: with the exact ratios every check must pass (closure
 * within its MC error, a flat calibration, AUC 0.5, zero error against truth); with the shared PyTorch fixtures the
 * ensemble's spread and its error against truth are reported.
 */
class ValidateJobTest {

    @TempDir
    static Path dir;

    private static AnalysisConfig small(String example) {
        AnalysisConfig full = AnalysisConfigParser.withDefaults().parse(Path.of("..", "submit", "examples", example));
        return new AnalysisConfig(full.file(), full.features(), List.of(
                new EventSource.Simulated("ref_S", "S", 3000, 1),
                new EventSource.Simulated("ref_B", "B", 3000, 2),
                new EventSource.Simulated("ref_NI", "NI", 3000, 3)),
                full.processes(), full.systematics(), full.poi(), full.neyman(), full.observed(), full.badRatios(),
                full.observedAux());
    }

    private static HadoopFileAccess files() {
        return new HadoopFileAccess(SharedSpark.session().sparkContext().hadoopConfiguration());
    }

    /** Runs the job into {@code dir/name} and returns its validation.json. */
    private static ValidationSummary run(String name, AnalysisConfig config, ValidationPlan plan,
                                         ValidateJob.Settings settings) throws IOException {
        OutputFolder out = OutputFolder.create(dir.resolve(name).toString(), OutputFolder.ExistingPolicy.REFUSE,
                SharedSpark.session().sparkContext().hadoopConfiguration());
        ValidationSummary written = ValidateJob.run(SharedSpark.session(), config, plan, settings, out);
        out.commit();
        ValidationSummary read = Json.read(Files.readString(dir.resolve(name + "/validation.json")),
                ValidationSummary.class, "validation.json");
        assertEquals(Json.write(written), Json.write(read), "validation.json reads back into what was written");
        return read;
    }

    @Test
    void exactRatiosPassEveryCheck() throws IOException {
        AnalysisConfig config = small("offshell-toy-exact.yaml");
        ValidationPlan plan = ValidationPlan.of(config, Map.of(), new ValidationPlan.ToyDraws(6000, 5),
                Set.of("r_SBI", "r_SBI__energy_scale__up"), files());
        assertNull(plan.truth(), "the toy's reference: exact ratios are the truth");
        ValidationSummary json = run("exact", config, plan, new ValidateJob.Settings(10, 1000, new ReweightingAuc.Settings(20, 5, 0.5, 9)));
        for (String ratio : List.of("r_SBI", "r_SBI__energy_scale__up")) {
            ValidationSummary.Ratio r = json.ratios().get(ratio);
            assertTrue(Math.abs(r.closure().pull()) < 4, ratio + ": closure " + r.closure());
            double bound = 10 + 5 * Math.sqrt(20);
            assertTrue(r.calibration().chi2() < bound, ratio + ": calibration chi2 " + r.calibration().chi2());
            assertTrue(Math.abs(r.reweightingAuc().significance()) < 4, ratio + ": reweighting AUC " + r.reweightingAuc());
            assertEquals(0.0, r.truth().meanAbsLogRatioError(), 0, ratio + ": exact against itself");
            assertEquals(0.0, r.truth().p99AbsLogRatioError(), 0, ratio + ": exact against itself");
            assertNull(r.ensembleSpread(), "one member: no spread");
        }
        assertEquals("SBI_energy_scale_up", json.ratios().get("r_SBI__energy_scale__up").numeratorSample());
        assertEquals("SBI", json.ratios().get("r_SBI__energy_scale__up").denominatorSample());
        byte[] png = {(byte) 0x89, 'P', 'N', 'G'};
        for (String plot : List.of("closure", "reweighting_auc", "calibration_r_SBI", "dlogr_r_SBI__energy_scale__up")) {
            byte[] head = Arrays.copyOf(Files.readAllBytes(dir.resolve("exact/plots/" + plot + ".png")), 4);
            assertArrayEquals(png, head, plot + ".png is a PNG");
        }
    }

    @Test
    void fixtureEnsembleHasASpreadAndASmallErrorAgainstTruth() throws IOException {
        AnalysisConfig config = small("offshell-toy.yaml");
        ValidationPlan plan = ValidationPlan.of(config, Map.of(), new ValidationPlan.ToyDraws(3000, 5),
                Set.of("r_NI__ni_shape__up"), files());
        ValidationSummary json = run("onnx", config, plan, new ValidateJob.Settings(10, 1000, null));
        ValidationSummary.Ratio r = json.ratios().get("r_NI__ni_shape__up");
        assertEquals(3, r.members());
        ValidationSummary.EnsembleSpread spread = r.ensembleSpread();
        assertTrue(spread.mean() > 0 && spread.mean() < 0.05, "3 members agree to a few %: " + spread);
        double error = r.truth().meanAbsLogRatioError();
        double effect = r.truth().meanAbsLogRatioExact();
        assertTrue(error > 0 && error < 0.5 * effect, "network error " + error + " well below the effect " + effect);
        assertNull(r.reweightingAuc(), "--no-auc");
        assertTrue(Files.exists(dir.resolve("onnx/plots/spread_r_NI__ni_shape__up.png")));
    }

    @Test
    void aUserSampleFromParquetFilesIsTheNumerator() throws IOException {
        org.nsbi.model.offshell.OffshellEvents e = org.nsbi.model.offshell.OffshellSimulator.generate(
                org.nsbi.model.offshell.OffshellSample.byName("SBI"), 77, 4000, 1000);
        List<org.apache.spark.sql.Row> rows = new java.util.ArrayList<>();
        for (int i = 0; i < e.size(); i++) {
            rows.add(org.apache.spark.sql.RowFactory.create(e.m()[i], e.c()[i], e.y()[i], 2.0));
        }
        org.apache.spark.sql.types.StructType schema = new org.apache.spark.sql.types.StructType()
                .add("m", "float").add("c", "float").add("y", "float").add("w", "double");
        String path = dir.resolve("sbi.parquet").toString();
        SharedSpark.session().createDataFrame(rows, schema).write().parquet(path);
        AnalysisConfig config = small("offshell-toy-exact.yaml");
        ValidationPlan plan = ValidationPlan.of(config,
                Map.of("r_SBI", new EventSource.Files("r_SBI", List.of(path), EventSource.Format.PARQUET, "w")),
                new ValidationPlan.ToyDraws(10, 5), Set.of("r_SBI"), files());
        assertEquals("--sample files", plan.sampled());
        ValidationSummary json = run("files", config, plan, new ValidateJob.Settings(10, 1000, null));
        ValidationSummary.Ratio r = json.ratios().get("r_SBI");
        assertEquals("r_SBI", r.numeratorSample());
        assertEquals(4000, r.numeratorEvents(), "the file's events, not --events");
        double bound = 10 + 5 * Math.sqrt(20);
        assertTrue(r.calibration().chi2() < bound, "the file's SBI events calibrate the exact ratio: "
                + r.calibration().chi2());
    }

    @Test
    void theCommandRefusesAnUnknownRatioWithExitCodeTwo() {
        SharedSpark.session();
        java.io.StringWriter err = new java.io.StringWriter();
        picocli.CommandLine cl = org.nsbi.spark.cli.NsbiCommand.commandLine();
        cl.setErr(new java.io.PrintWriter(err));
        int code = cl.execute("validate", "--config", Path.of("..", "submit", "examples", "offshell-toy-exact.yaml")
                .toString(), "--only", "r_X", "--out", dir.resolve("refused").toString());
        assertEquals(2, code, err.toString());
        assertTrue(err.toString().startsWith("nsbi validate: error: --only r_X: no ratio of "), err.toString());
        assertTrue(Files.notExists(dir.resolve("refused")), "nothing written for a refused run");
    }

    @Test
    void badNamesAndMissingSamplesAreRefusedWithTheirName() {
        AnalysisConfig config = small("offshell-toy-exact.yaml");
        UserError e = assertThrows(UserError.class, () -> ValidationPlan.of(config,
                Map.of(), new ValidationPlan.ToyDraws(10, 1), Set.of("r_X"), files()));
        assertTrue(e.getMessage().startsWith("--only r_X: no ratio of "), e.getMessage());
        assertTrue(e.getMessage().endsWith("has that name; expected one of [r_S, r_SBI, r_B, r_NI, "
                + "r_S__energy_scale__up, r_S__energy_scale__down, r_SBI__energy_scale__up, r_SBI__energy_scale__down, "
                + "r_B__energy_scale__up, r_B__energy_scale__down, r_NI__energy_scale__up, r_NI__energy_scale__down, "
                + "r_NI__ni_shape__up, r_NI__ni_shape__down]"), e.getMessage());
        AnalysisConfig renamed = config.withFeatures(List.of("mass", "c", "y")).withSystematics(List.of());
        UserError missing = assertThrows(UserError.class, () -> ValidationPlan.of(
                renamed, Map.of(), new ValidationPlan.ToyDraws(10, 1), Set.of(), files()));
        assertEquals("ratio r_S: no numerator sample; give one with --sample r_S=<files> (the simulator cannot draw it: "
                + "the features [mass, c, y] are not the toy's [m, c, y])", missing.getMessage());
    }

    /**
     * A ratio given as a column of the samples (here log r_SBI, exact, convention log_ratio): validate reads it from
     * the numerator's and the reference's files, so its closure is &Sigma;&#375; r_exact over the reference file's events
     * (to float rounding), and it closes and calibrates. Before, validate refused any column ratio.
     */
    @Test
    void aRatioGivenAsAColumnOfTheSamplesIsReadFromTheirFiles() throws IOException {
        double[] closure = new double[1];
        String reference = toyParquet("ref-with-column.parquet", 31, closure, "S", "B", "NI");
        String numerator = toyParquet("sbi-with-column.parquet", 32, new double[1], "SBI");
        AnalysisConfig exact = small("offshell-toy-exact.yaml");
        AnalysisConfig config = exact.withReference(List.of(new EventSource.Files("reference", List.of(reference),
                EventSource.Format.PARQUET, "w"))).withProcesses(exact.processes().stream()
                .map(p -> p.name().equals("SBI") ? new org.nsbi.model.config.ProcessSpec(p.name(), p.yield(),
                        p.coefficient(), new org.nsbi.model.config.RatioSource.Column("log_r_sbi",
                        org.nsbi.model.ratio.RatioConvention.LOG_RATIO)) : p).toList());
        ValidationPlan plan = ValidationPlan.of(config,
                Map.of("r_SBI", new EventSource.Files("r_SBI", List.of(numerator), EventSource.Format.PARQUET, "w")),
                new ValidationPlan.ToyDraws(10, 5), Set.of("r_SBI"), files());
        ValidationSummary json = run("column", config, plan, new ValidateJob.Settings(10, 1000, null));
        ValidationSummary.Ratio r = json.ratios().get("r_SBI");
        assertEquals(1, r.members());
        assertEquals(9000, r.denominatorEvents());
        assertEquals(4000, r.numeratorEvents());
        assertEquals(closure[0], r.closure().value(), 1e-6, "the closure of the column's ratio on the reference file");
        assertTrue(Math.abs(r.closure().pull()) < 4, "closure " + r.closure());
        assertTrue(r.calibration().chi2() < 10 + 5 * Math.sqrt(20), "calibration chi2 " + r.calibration().chi2());

        UserError simulated = assertThrows(UserError.class, () -> ValidationPlan.of(config, Map.of(),
                new ValidationPlan.ToyDraws(10, 5), Set.of("r_SBI"), files()));
        assertEquals("ratio r_SBI is the column 'log_r_sbi' of the samples, so validate reads it from the events of its"
                + " numerator and its denominator; the numerator sample is simulated and has no such column: give it"
                + " with --sample r_SBI=<files with the features and 'log_r_sbi'>", simulated.getMessage());
    }

    /**
     * Off-shell toy events of the named samples (4000, 3000 each for several) with w and log_r_sbi = log r_SBI exact;
     * {@code closure[0]} is set to &Sigma; w r / &Sigma; w.
     */
    private static String toyParquet(String name, long seed, double[] closure, String... samples) {
        List<org.nsbi.model.offshell.OffshellEvents> parts = new java.util.ArrayList<>();
        for (String sample : samples) {
            parts.add(org.nsbi.model.offshell.OffshellSimulator.generate(org.nsbi.model.offshell.OffshellSample.byName(
                    sample), seed, samples.length == 1 ? 4000 : 3000, 1000));
        }
        org.nsbi.model.offshell.OffshellEvents e = org.nsbi.model.offshell.OffshellEvents.concat(parts);
        double[] r = new double[e.size()];
        org.nsbi.model.offshell.OffshellExactRatios.byName("ratio_SBI").evaluate(e.features(), r);
        List<org.apache.spark.sql.Row> rows = new java.util.ArrayList<>();
        double sumWr = 0;
        for (int i = 0; i < e.size(); i++) {
            rows.add(org.apache.spark.sql.RowFactory.create(e.m()[i], e.c()[i], e.y()[i], e.weight()[i], Math.log(r[i])));
            sumWr += e.weight()[i] * r[i];
        }
        closure[0] = sumWr / e.sumOfWeights();
        org.apache.spark.sql.types.StructType schema = new org.apache.spark.sql.types.StructType()
                .add("m", "float").add("c", "float").add("y", "float").add("w", "double").add("log_r_sbi", "double");
        String path = dir.resolve(name).toString();
        SharedSpark.session().createDataFrame(rows, schema).write().parquet(path);
        return path;
    }
}
