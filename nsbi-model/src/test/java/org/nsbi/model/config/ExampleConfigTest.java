package org.nsbi.model.config;

import org.apache.commons.math3.analysis.integration.IterativeLegendreGaussIntegrator;
import org.junit.jupiter.api.Test;
import org.nsbi.model.offshell.OffshellExactRatios;
import org.nsbi.model.offshell.OffshellNuisance;
import org.nsbi.model.offshell.OffshellProcess;
import org.nsbi.model.onnx.EnsembleAverage;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.nsbi.model.ratio.RatioConvention;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The complete example {@code submit/examples/offshell-toy.yaml} parses and validates (every fixture network
 * found and of width 3), and its energy_scale yield factors are those of the spec.
 */
class ExampleConfigTest {

    static final Path EXAMPLE = Path.of("..", "submit", "examples", "offshell-toy.yaml");

    @Test
    void exampleParsesAndValidates() {
        AnalysisConfig c = AnalysisConfigParser.withDefaults().parse(EXAMPLE);
        assertEquals(List.of("m", "c", "y"), c.features());
        assertEquals(List.of("S", "SBI", "B", "NI"), c.processes().stream().map(ProcessSpec::name).toList());
        assertEquals(List.of("energy_scale", "ni_norm", "ni_shape"),
                c.systematics().stream().map(Systematic::name).toList());
        for (ProcessSpec p : c.processes()) {
            RatioSource.Onnx onnx = (RatioSource.Onnx) p.ratio();
            assertEquals(3, onnx.files().size(), p.name() + ": a 3-member ensemble");
            assertEquals(RatioConvention.SCORE, onnx.convention(), p.name());
            assertEquals(EnsembleAverage.RATIO, onnx.average(), p.name());
            for (String f : onnx.files()) {
                assertTrue(Path.of(f).isAbsolute() && Files.isRegularFile(Path.of(f)), f + " resolved and present");
            }
        }
        assertEquals(17, c.neyman().muGrid().size(), "mu grid 0, 0.25, ..., 4");
        assertEquals(List.of(0.6827, 0.9545), c.neyman().confidenceLevels());
        assertEquals(3, c.reference().size(), "reference = S, B, NI samples");
    }

    /**
     * Energy-scale yield factors. Measured m' = m (1 + 0.01 &alpha;) and the window [200, 1000] applies to m', so
     * for a rate &prop; m^(&minus;p) (S: p = 2, B and NI: p = 3, spec/offshell-toy.md)
     * &nu;(&alpha;)/&nu; = &int;_{200/(1+&delta;)}^{1000/(1+&delta;)} m^(&minus;p) dm / &int;_{200}^{1000} m^(&minus;p) dm
     * = (1 + &delta;)^(p&minus;1), &delta; = 0.01 &alpha;. Checked here by quadrature against the example's values.
     */
    @Test
    void energyScaleYieldFactorsAreThoseOfThePowerLaws() {
        AnalysisConfig c = AnalysisConfigParser.withDefaults().parse(EXAMPLE);
        Map<String, SystematicEffect> es = c.systematics().get(0).effects().stream()
                .collect(Collectors.toMap(SystematicEffect::process, e -> e));
        Map<String, Double> power = Map.of("S", 2.0, "B", 3.0, "NI", 3.0);
        for (Map.Entry<String, Double> e : power.entrySet()) {
            SystematicEffect.YieldFactors y = es.get(e.getKey()).yields().orElseThrow();
            for (int alpha : new int[]{1, -1}) {
                double quadrature = acceptanceRatio(e.getValue(), 0.01 * alpha);
                assertEquals(Math.pow(1 + 0.01 * alpha, e.getValue() - 1), quadrature, 1e-12,
                        e.getKey() + ": closed form vs quadrature at alpha " + alpha);
                assertEquals(quadrature, alpha > 0 ? y.up() : y.down(), 1e-12,
                        e.getKey() + ": example's yield factor at alpha " + alpha);
            }
        }
    }

    /** Every yield and yield factor of the example equals the simulator's exact value (to the 6 decimals written). */
    @Test
    void yieldsAndFactorsAreTheSimulatorsExactOnes() {
        AnalysisConfig c = AnalysisConfigParser.withDefaults().parse(EXAMPLE);
        for (ProcessSpec p : c.processes()) {
            OffshellProcess process = OffshellProcess.valueOf(p.name());
            assertEquals(process.nominalYield(), p.yield(), 1e-6, p.name() + ": yield");
        }
        for (Systematic s : c.systematics()) {
            OffshellNuisance k = OffshellNuisance.byKey(s.name());
            for (SystematicEffect e : s.effects()) {
                OffshellProcess process = OffshellProcess.valueOf(e.process());
                double up = e.yields().map(SystematicEffect.YieldFactors::up).orElse(1.0);
                double down = e.yields().map(SystematicEffect.YieldFactors::down).orElse(1.0);
                assertEquals(OffshellExactRatios.yieldFactor(process, k, +1), up, 1e-6, s.name() + " on " + e.process() + " up");
                assertEquals(OffshellExactRatios.yieldFactor(process, k, -1), down, 1e-6, s.name() + " on " + e.process() + " down");
            }
        }
    }

    @Test
    void observedDataIsDrawnAtTheStatedTruth() {
        AnalysisConfig c = AnalysisConfigParser.withDefaults().parse(EXAMPLE);
        EventSource.SimulatedObservation o = (EventSource.SimulatedObservation) c.observed().get(0);
        assertEquals(1.0, o.mu());
        assertEquals(Map.of("energy_scale", 0.0, "ni_norm", 0.0, "ni_shape", 0.0), o.alpha());
        assertTrue(c.observedAux().isEmpty(), "aux measurements come from the simulator's draw");
    }

    private static double acceptanceRatio(double p, double delta) {
        IterativeLegendreGaussIntegrator q = new IterativeLegendreGaussIntegrator(16, 1e-15, 1e-15);
        double shifted = q.integrate(10_000, m -> Math.pow(m / 200, -p), 200 / (1 + delta), 1000 / (1 + delta));
        double nominal = q.integrate(10_000, m -> Math.pow(m / 200, -p), 200, 1000);
        return shifted / nominal;
    }
}
