package org.nsbi.model.config;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nsbi.model.onnx.EnsembleAverage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.nsbi.model.ratio.BadRatioPolicy;
import org.nsbi.model.ratio.RatioConvention;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Validation of analysis configs: each problem's message (file, key path, expectation), all problems at once. */
class AnalysisConfigParserTest {

    static final Path ONNX = Path.of(System.getProperty("nsbi.shared.dir", "/work/shared"),
            "fixtures", "offshell-toy", "onnx").toAbsolutePath().normalize();

    @TempDir
    Path dir;
    private String file;

    /** A small valid config: one data file in the temp folder, fixture networks by absolute path. */
    private String valid() {
        return """
                features: [m, c, y]
                reference:
                  - name: ref
                    files: ref.csv
                    weight: w
                processes:
                  - name: S
                    yield: 35
                    coefficient: "mu - sqrt(mu)"
                    ratio:
                      onnx: [ONNX/ratio_S_0.onnx, ONNX/ratio_S_1.onnx]
                      output: score
                  - name: B
                    yield: 150
                    coefficient: "1 - sqrt(mu)"
                    ratio: {exact: ratio_B}
                systematics:
                  - name: energy_scale
                    effects:
                      - process: S
                        yield: {up: 1.01, down: 0.99}
                        ratio:
                          up: {onnx: ONNX/syst_S_energy_scale_up_0.onnx, output: score}
                          down: {column: r_es_down, output: log_ratio}
                poi: {name: mu, min: 0, max: 5}
                neyman:
                  mu_grid: [0, 1, 2]
                  toys_per_point: 10
                  confidence_levels: [0.6827, 0.9545]
                  seed: 1
                observed:
                  - name: data
                    simulate: {sample: SBI, events: 100, seed: 7}
                observed_aux: nominal
                """.replace("ONNX", ONNX.toString());
    }

    @BeforeEach
    void dataFile() throws IOException {
        Files.writeString(dir.resolve("ref.csv"), "m,c,y,w\n300,0,0,1\n");
        file = dir.resolve("analysis.yaml").toString();
    }

    private AnalysisConfig parse(String yaml) {
        return AnalysisConfigParser.withDefaults().parse(yaml, file, dir.toString());
    }

    private List<String> problems(String yaml) {
        return problems(AnalysisConfigParser.withDefaults(), yaml);
    }

    private List<String> problems(AnalysisConfigParser parser, String yaml) {
        ConfigException e = assertThrows(ConfigException.class, () -> parser.parse(yaml, file, dir.toString()));
        assertTrue(e.getMessage().startsWith(e.problems().size() + " problem"), e.getMessage());
        return e.problems();
    }

    @Test
    void validConfigReadsIntoRecords() {
        AnalysisConfig c = parse(valid());
        assertEquals(List.of("m", "c", "y"), c.features());
        EventSource.Files ref = (EventSource.Files) c.reference().get(0);
        assertEquals(List.of(dir.resolve("ref.csv").toString()), ref.paths(), "relative to the config's folder");
        assertEquals(EventSource.Format.CSV, ref.format(), "format from the extension");
        assertEquals("w", ref.weightColumn());
        RatioSource.Onnx s = (RatioSource.Onnx) c.processes().get(0).ratio();
        assertEquals(List.of(ONNX + "/ratio_S_0.onnx", ONNX + "/ratio_S_1.onnx"), s.files());
        assertEquals(RatioConvention.SCORE, s.convention());
        assertEquals(EnsembleAverage.RATIO, s.average(), "default: average the ratios");
        assertEquals(new RatioSource.Exact("ratio_B"), c.processes().get(1).ratio());
        SystematicEffect e = c.systematics().get(0).effects().get(0);
        assertEquals(new SystematicEffect.YieldFactors(1.01, 0.99), e.yields().orElseThrow());
        assertEquals(new RatioSource.Column("r_es_down", RatioConvention.LOG_RATIO), e.ratioDown().orElseThrow());
        assertEquals(new Poi("mu", 0, 5), c.poi());
        assertEquals(new NeymanSettings(List.of(0.0, 1.0, 2.0), 10, List.of(0.6827, 0.9545), 1,
                NeymanSettings.NuisanceTruth.NOMINAL), c.neyman());
        assertEquals(new EventSource.Simulated("data", "SBI", 100, 7), c.observed().get(0));
        assertEquals(BadRatioPolicy.FAIL, c.badRatios(), "default policy");
    }

    @Test
    void nuisanceBoundsAreReadAndChecked() {
        AnalysisConfig c = parse(valid().replace("  - name: energy_scale\n", "  - name: energy_scale\n    bounds: [-8, 6.5]\n"));
        assertEquals(-8, c.systematics().get(0).low());
        assertEquals(6.5, c.systematics().get(0).high());
        assertEquals(-5, parse(valid()).systematics().get(0).low(), "default [-5, 5]");
        assertEquals(5, parse(valid()).systematics().get(0).high(), "default [-5, 5]");
        assertEquals(List.of(file + ": systematics[0].bounds: expected [lo, hi], finite with lo < 0 < hi (the nominal 0"
                + " inside), found [1.0, 6.0]"), problems(valid().replace("  - name: energy_scale\n",
                "  - name: energy_scale\n    bounds: [1, 6]\n")));
        assertEquals(List.of(file + ": systematics[0].bounds: expected [lo, hi], two numbers with lo < 0 < hi, found '5'"),
                problems(valid().replace("  - name: energy_scale\n", "  - name: energy_scale\n    bounds: 5\n")));
    }

    @Test
    void shapeNormalisationIsReadAndChecked() {
        assertEquals(false, parse(valid()).systematics().get(0).normalisedShape(), "default: the seeds' model");
        assertEquals(true, parse(valid().replace("  - name: energy_scale\n",
                "  - name: energy_scale\n    shape_normalisation: per_event\n")).systematics().get(0).normalisedShape());
        assertEquals(false, parse(valid().replace("  - name: energy_scale\n",
                "  - name: energy_scale\n    shape_normalisation: none\n")).systematics().get(0).normalisedShape());
        assertEquals(List.of(file + ": systematics[0].shape_normalisation: expected none or per_event, found 'always'"),
                problems(valid().replace("  - name: energy_scale\n", "  - name: energy_scale\n    shape_normalisation: always\n")));
        String yieldOnly = valid().replace("""
                        ratio:
                          up: {onnx: ONNX/syst_S_energy_scale_up_0.onnx, output: score}
                          down: {column: r_es_down, output: log_ratio}
                """.replace("ONNX", ONNX.toString()), "");
        assertEquals(List.of(file + ": systematics[0].shape_normalisation: expected shape ratios to normalise (an effect"
                        + " with ratio: {up, down}), found per_event on a parameter with yield effects only"),
                problems(yieldOnly.replace("  - name: energy_scale\n", "  - name: energy_scale\n    shape_normalisation: per_event\n")));
    }

    @Test
    void unknownKeys() {
        List<String> p = problems(valid().replace("    yield: 150", "    yeild: 150")
                .replace("toys_per_point: 10", "toys_per_point: 10\n  tosy: 3"));
        assertEquals(List.of(
                file + ": processes[1].yeild: unknown key; expected one of name, yield, coefficient, ratio",
                file + ": processes[1].yield: missing; expected a number",
                file + ": neyman.tosy: unknown key; expected one of mu_grid, toys_per_point, confidence_levels, seed,"
                        + " nuisance_truth"), p);
    }

    @Test
    void missingFiles() {
        List<String> p = problems(valid().replace("ratio_S_1.onnx", "ratio_S_9.onnx").replace("ref.csv", "gone.csv"));
        assertEquals(List.of(
                file + ": reference[0].files: expected an existing data file or folder, found no file at "
                        + dir.resolve("gone.csv"),
                file + ": processes[0].ratio.onnx[1]: expected an existing ONNX file, found no file at "
                        + ONNX + "/ratio_S_9.onnx"), p);
    }

    @Test
    void onnxInputWidthDiffersFromFeatures() {
        List<String> p = problems(valid().replace("features: [m, c, y]", "features: [m, c]"));
        String expected = ": expected an ONNX network for the 2 features [m, c], found: %s: input 'x' has shape"
                + " [N, 3]; expected [N, 2] (one column per feature of the analysis)";
        assertEquals(List.of(
                file + ": processes[0].ratio.onnx[0]" + expected.formatted(ONNX + "/ratio_S_0.onnx"),
                file + ": processes[0].ratio.onnx[1]" + expected.formatted(ONNX + "/ratio_S_1.onnx"),
                file + ": systematics[0].effects[0].ratio.up.onnx"
                        + expected.formatted(ONNX + "/syst_S_energy_scale_up_0.onnx")), p);
    }

    @Test
    void fileThatIsNotOnnx() {
        List<String> p = problems(valid().replace(ONNX + "/ratio_S_1.onnx", "ref.csv"));
        assertEquals(1, p.size(), p.toString());
        assertTrue(p.get(0).startsWith(file + ": processes[0].ratio.onnx[1]: expected an ONNX network for the 3"
                + " features [m, c, y], found: " + dir.resolve("ref.csv") + ": not a loadable ONNX model ("), p.get(0));
    }

    @Test
    void duplicateProcessNames() {
        List<String> p = problems(valid().replace("- name: B", "- name: S"));
        assertEquals(List.of(file + ": processes[1].name: expected a unique process name, found 'S' again"
                + " (first at processes[0])"), p);
    }

    @Test
    void systematicNamingAnUnknownProcess() {
        List<String> p = problems(valid().replace("- process: S", "- process: SBI"));
        assertEquals(List.of(file + ": systematics[0].effects[0].process: expected one of the processes S, B,"
                + " found 'SBI'"), p);
    }

    @Test
    void emptyGrid() {
        assertEquals(List.of(file + ": neyman.mu_grid: expected at least one mu value, found an empty list"),
                problems(valid().replace("mu_grid: [0, 1, 2]", "mu_grid: []")));
    }

    @Test
    void confidenceLevelOutsideZeroOne() {
        List<String> p = problems(valid().replace("[0.6827, 0.9545]", "[0, 0.6827, 1.5]"));
        assertEquals(List.of(
                file + ": neyman.confidence_levels[0]: expected a confidence level in (0, 1), found '0'",
                file + ": neyman.confidence_levels[2]: expected a confidence level in (0, 1), found '1.5'"), p);
    }

    @Test
    void everyProblemIsReportedAtOnce() {
        String bad = valid()
                .replace("features: [m, c, y]", "features: [m, c]")
                .replace("    yield: 150", "    yeild: 150")
                .replace("ref.csv", "gone.csv")
                .replace("- name: B", "- name: S")
                .replace("- process: S", "- process: NI")
                .replace("mu_grid: [0, 1, 2]", "mu_grid: []")
                .replace("[0.6827, 0.9545]", "[0.6827, 1.5]")
                .replace("output: log_ratio", "output: logits")
                .replace("max: 5", "max: -1");
        List<String> p = problems(bad);
        List<String> keys = p.stream().map(x -> x.substring(file.length() + 2, x.indexOf(':', file.length() + 2)))
                .toList();
        // the ONNX networks' input widths are checked in a pass after the sections are read: their problems come last
        assertEquals(List.of("reference[0].files", "processes[1].yeild", "processes[1].name", "processes[1].yield",
                "poi.max", "systematics[0].effects[0].process", "systematics[0].effects[0].ratio.down.output",
                "neyman.mu_grid", "neyman.confidence_levels[1]", "processes[0].ratio.onnx[0]", "processes[0].ratio.onnx[1]",
                "systematics[0].effects[0].ratio.up.onnx"), keys, String.join("\n", p));
        assertTrue(p.contains(file + ": systematics[0].effects[0].ratio.down.output: expected one of score, logit,"
                + " ratio, log_ratio, found 'logits'"), String.join("\n", p));
        assertTrue(p.contains(file + ": poi.max: expected a number > poi.min = 0.0, found -1.0"), String.join("\n", p));
    }

    @Test
    void remotePathsAreCheckedByThePluggedFileAccess() {
        String remote = valid().replace("files: ref.csv", "files: hdfs://nn:8020/ref.parquet");
        AnalysisConfig c = parse(remote);
        assertEquals(List.of("hdfs://nn:8020/ref.parquet"), ((EventSource.Files) c.reference().get(0)).paths(),
                "a URL is used as written and not checked locally");
        FileAccess hdfsWithoutFiles = new FileAccess() {
            @Override
            public boolean handles(String path) {
                return path.startsWith("hdfs://");
            }

            @Override
            public boolean exists(String path) {
                return false;
            }

            @Override
            public byte[] readAllBytes(String path) throws IOException {
                throw new IOException("no such file " + path);
            }
        };
        assertEquals(List.of(file + ": reference[0].files: expected an existing data file or folder, found no file"
                + " at hdfs://nn:8020/ref.parquet"),
                problems(AnalysisConfigParser.withDefaults().withFileAccess(hdfsWithoutFiles), remote));
    }

    @Test
    void coefficientExpressionsGoThroughTheHook() {
        CoefficientValidator onlyMu = (expr, poi) -> expr.contains("sqrt(" + poi + ")") ? List.of()
                : List.of("expected an expression in " + poi + ", found '" + expr + "'");
        List<String> p = problems(AnalysisConfigParser.withDefaults().withCoefficientValidator(onlyMu),
                valid().replace("1 - sqrt(mu)", "1 - sqrt(nu)"));
        assertEquals(List.of(file + ": processes[1].coefficient: expected an expression in mu, found '1 - sqrt(nu)'"), p);
    }

    @Test
    void ratioSourceNeedsExactlyOneKindAndAConvention() {
        List<String> p = problems(valid().replace("ratio: {exact: ratio_B}", "ratio: {exact: ratio_B, column: r}")
                .replace("output: score\n  - name: B", "\n  - name: B"));
        assertEquals(List.of(
                file + ": processes[0].ratio.output: missing; expected the output convention, one of score, logit,"
                        + " ratio, log_ratio",
                file + ": processes[1].ratio: expected exactly one of onnx, column, exact, found column and exact"), p);
    }

    @Test
    void badRatioPolicyAndGridRange() {
        AnalysisConfig c = parse(valid().replace("mu_grid: [0, 1, 2]", "mu_grid: {from: 0, to: 5, steps: 11}")
                + "bad_ratios: {policy: clip, clip_max: 1e6}\n");
        assertEquals(BadRatioPolicy.clip(1e6), c.badRatios());
        assertEquals(11, c.neyman().muGrid().size());
        assertEquals(2.5, c.neyman().muGrid().get(5), 1e-15);
        assertEquals(List.of(file + ": neyman.mu_grid: expected values inside the poi range [0.0, 5.0], found 0.0 .. 6.0"),
                problems(valid().replace("mu_grid: [0, 1, 2]", "mu_grid: [0, 6]")));
    }

    @Test
    void gridPointsAreRoundedToTheToysMuKey() {
        // 0.7 * 3 / 7 is 0.29999999999999993 in doubles: the grid, the summary and the belts say 0.3, the toys' key
        AnalysisConfig c = parse(valid().replace("mu_grid: [0, 1, 2]", "mu_grid: {from: 0, to: 0.7, steps: 8}"));
        assertEquals(0.3, c.neyman().muGrid().get(3));
        assertEquals(0.7, c.neyman().muGrid().get(7));
        AnalysisConfig listed = parse(valid().replace("mu_grid: [0, 1, 2]", "mu_grid: [0, 0.30000000000000004, 1]"));
        assertEquals(List.of(0.0, 0.3, 1.0), listed.neyman().muGrid());
    }

    @Test
    void invalidYamlNamesTheLine() {
        ConfigException e = assertThrows(ConfigException.class, () -> parse("features: [m, c\nprocesses: x\n"));
        assertTrue(e.problems().get(0).startsWith(file + ": line "), e.getMessage());
        assertTrue(e.problems().get(0).contains("not valid YAML"), e.getMessage());
    }

    @Test
    void observedDataAtATruthWithItsAuxiliaryMeasurements() {
        AnalysisConfig c = parse(valid().replace("simulate: {sample: SBI, events: 100, seed: 7}",
                "simulate: {mu: 1.5, alpha: {energy_scale: 0.5}, seed: 9}").replace("observed_aux: nominal\n", "")
                + "observed_aux: {energy_scale: -0.2}\n");
        assertEquals(new EventSource.SimulatedObservation("data", 1.5, Map.of("energy_scale", 0.5), 9),
                c.observed().get(0));
        assertEquals(Map.of("energy_scale", -0.2), c.observedAux());
    }

    /**
     * Observed data from files (or drawn from a sample, without a truth) has no auxiliary measurements of its own:
     * each nuisance parameter's must be given, or 'observed_aux: nominal' said explicitly; never a silent 0.
     */
    @Test
    void fileBasedObservedDataNeedsEveryAuxiliaryMeasurementOrNominal() {
        String missing = file + ": observed_aux: %s; expected the auxiliary measurement of every nuisance parameter of the"
                + " file-based observed data (energy_scale), e.g. {energy_scale: 0.0, ...}, or 'observed_aux: nominal' for all 0";
        assertEquals(List.of(missing.formatted("missing")), problems(valid().replace("observed_aux: nominal\n", "")));
        assertEquals(Map.of("energy_scale", 0.0), parse(valid()).observedAux(), "nominal: every a_k = 0, explicitly");
        assertEquals(Map.of("energy_scale", 0.3), parse(valid().replace("observed_aux: nominal",
                "observed_aux: {energy_scale: 0.3}")).observedAux());
        assertEquals(List.of(file + ": observed_aux: expected a mapping from nuisance parameter names to numbers, or"
                + " 'nominal', found 'nominal_please'"), problems(valid().replace("observed_aux: nominal", "observed_aux: nominal_please")));
    }

    @Test
    void truthsAndAuxNameKnownNuisanceParametersOnly() {
        List<String> p = problems(valid().replace("simulate: {sample: SBI, events: 100, seed: 7}",
                "simulate: {mu: -1, alpha: {jes: 0.5}, seed: 9}").replace("observed_aux: nominal\n", "")
                + "observed_aux: {ni_norm: 0.1}\n");
        assertEquals(List.of(
                file + ": observed[0].simulate.mu: expected a true mu >= 0, found -1.0",
                file + ": observed[0].simulate.alpha.jes: expected a true value of a nuisance parameter (energy_scale),"
                        + " found unknown name 'jes'",
                file + ": observed_aux.ni_norm: expected an auxiliary measurement of a nuisance parameter"
                        + " (energy_scale), found unknown name 'ni_norm'"), p);
    }

    @Test
    void aTruthIsOnlyForObservedData() {
        List<String> p = problems(valid().replace("files: ref.csv\n    weight: w", "simulate: {mu: 1, seed: 3}"));
        assertEquals(List.of(file + ": reference[0].simulate.mu: expected sample, events and seed"
                + " (a truth mu is only for observed data)"), p);
    }
}
