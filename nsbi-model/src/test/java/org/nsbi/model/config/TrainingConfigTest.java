package org.nsbi.model.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The {@code training} section: the example trains the fixtures' 14 ratios; bad input is named exactly. */
class TrainingConfigTest {

    static final Path EXAMPLE = Path.of("..", "submit", "examples", "offshell-toy-train.yaml");

    static final String HEAD = """
            features: [m, c, y]
            reference:
              - {name: ref, simulate: {sample: S, events: 10, seed: 1}}
            processes:
              - {name: S, yield: 35, coefficient: "1", ratio: {exact: ratio_S}}
            systematics:
              - {name: energy_scale, effects: [{process: S, yield: {up: 1.01, down: 0.99}}]}
            """;

    static TrainingConfig parse(String training) {
        return AnalysisConfigParser.withDefaults().parseTraining(HEAD + training, "t.yaml", "/tmp");
    }

    static List<String> problems(String training) {
        return assertThrows(ConfigException.class, () -> parse(training)).problems();
    }

    @Test
    void exampleTrainsTheFourteenFixtureRatios() {
        TrainingConfig c = AnalysisConfigParser.withDefaults().parseTraining(EXAMPLE);
        assertEquals(new TrainingConfig.Settings(3, List.of(32, 32), 200, 100000, 20261123L), c.settings());
        List<String> names = c.ratios().stream().map(TrainingConfig.Ratio::name).toList();
        List<String> fixtures = List.of("ratio_S", "ratio_SBI", "ratio_B", "ratio_NI",
                "syst_S_energy_scale_up", "syst_S_energy_scale_down", "syst_SBI_energy_scale_up",
                "syst_SBI_energy_scale_down", "syst_B_energy_scale_up", "syst_B_energy_scale_down",
                "syst_NI_energy_scale_up", "syst_NI_energy_scale_down", "syst_NI_ni_shape_up", "syst_NI_ni_shape_down");
        assertEquals(fixtures, names);
        TrainingConfig.Ratio sbiUp = c.ratios().get(6);
        assertEquals("SBI_energy_scale_up", ((EventSource.Simulated) sbiUp.numerator().get(0)).sample());
        assertEquals("SBI", ((EventSource.Simulated) sbiUp.denominator().get(0)).sample());
        assertEquals(1, sbiUp.direction());
        assertEquals(List.of("ref_S", "ref_B", "ref_NI"),
                c.ratios().get(0).denominator().stream().map(EventSource::name).toList());
        // the example is also a complete analysis (with exact ratios until trained)
        AnalysisConfig analysis = AnalysisConfigParser.withDefaults().parse(EXAMPLE);
        assertEquals(4, analysis.processes().size());
    }

    @Test
    void referenceDefaultsToTheConfigsReference() {
        TrainingConfig c = parse("""
                training:
                  {ensemble: 2, hidden_layers: 16, max_iterations: 50, events: 1000, seed: 3,
                   processes: [{process: S, samples: [{name: s, simulate: {sample: S, events: 10, seed: 2}}]}]}
                """);
        TrainingConfig.Ratio r = c.ratios().get(0);
        assertEquals("ratio_S", r.name());
        assertNull(r.systematic());
        assertEquals("ref", r.denominator().get(0).name());
        assertEquals(List.of(16), c.settings().hiddenLayers());
    }

    @Test
    void badSettingsAreNamed() {
        assertEquals(List.of(
                "t.yaml: training.ensemble: expected a whole number >= 1, found '0'",
                "t.yaml: training.hidden_layers[1]: expected a layer size, a whole number >= 1, found '0'",
                "t.yaml: training.max_iterations: missing; expected a number",
                "t.yaml: training.epochs: unknown key; expected one of ensemble, hidden_layers, max_iterations, events,"
                        + " seed, reference, processes, systematics"),
                problems("""
                        training:
                          {ensemble: 0, hidden_layers: [8, 0], events: 10, seed: 1, epochs: 3,
                           processes: [{process: S, samples: [{name: s, simulate: {sample: S, events: 10, seed: 2}}]}]}
                        """).stream().sorted((a, b) -> order(a) - order(b)).toList());
    }

    private static int order(String problem) {
        for (String k : new String[]{"ensemble", "hidden", "max_it", "epochs"}) {
            if (problem.contains("training." + k)) {
                return List.of("ensemble", "hidden", "max_it", "epochs").indexOf(k);
            }
        }
        return 9;
    }

    @Test
    void unknownAndRepeatedNamesAreNamed() {
        assertEquals(List.of(
                "t.yaml: training.processes[0].process: expected one of the config's processes (S), found 'X'",
                "t.yaml: training.processes[2].process: expected each process once, found 'S' again (first at"
                        + " training.processes[1])",
                "t.yaml: training.systematics[0].name: expected one of the config's systematics (energy_scale),"
                        + " found 'ni_shape'",
                "t.yaml: training.systematics[0].up: missing; expected a list of samples (name and files or simulate)"),
                problems("""
                        training:
                          ensemble: 1
                          hidden_layers: [4]
                          max_iterations: 5
                          events: 10
                          seed: 1
                          processes:
                            - {process: X, samples: [{name: x, simulate: {sample: S, events: 10, seed: 2}}]}
                            - {process: S, samples: [{name: s, simulate: {sample: S, events: 10, seed: 2}}]}
                            - {process: S, samples: [{name: s, simulate: {sample: S, events: 10, seed: 2}}]}
                          systematics:
                            - name: ni_shape
                              process: S
                              nominal: [{name: n, simulate: {sample: S, events: 10, seed: 2}}]
                              down: [{name: d, simulate: {sample: S, events: 10, seed: 2}}]
                        """));
    }

    @Test
    void nothingToTrainAndMissingReferenceAreNamed() {
        assertEquals(List.of("t.yaml: training: expected at least one ratio to train (training.processes or"
                        + " training.systematics), found none"),
                problems("training: {ensemble: 1, hidden_layers: [4], max_iterations: 5, events: 10, seed: 1}\n"));
        List<String> noRef = assertThrows(ConfigException.class, () -> AnalysisConfigParser.withDefaults()
                .parseTraining("""
                        features: [m, c, y]
                        training:
                          {ensemble: 1, hidden_layers: [4], max_iterations: 5, events: 10, seed: 1,
                           processes: [{process: S, samples: [{name: s, simulate: {sample: S, events: 10, seed: 2}}]}]}
                        """, "t.yaml", "/tmp")).problems();
        assertEquals(List.of("t.yaml: training.reference: missing; expected the reference samples (label 0 of the"
                + " process ratios), here or as the config's reference"), noRef);
        assertEquals(List.of("t.yaml: training: expected a mapping with keys ensemble, hidden_layers, max_iterations,"
                + " events, seed, reference, processes, systematics, found nothing"), problems(""));
    }
}
