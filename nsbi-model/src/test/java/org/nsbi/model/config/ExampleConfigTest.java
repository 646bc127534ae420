package org.nsbi.model.config;

import org.apache.commons.math3.analysis.integration.IterativeLegendreGaussIntegrator;
import org.junit.jupiter.api.Test;
import org.nsbi.model.onnx.EnsembleAverage;
import org.nsbi.model.onnx.RatioConvention;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

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
        assertTrue(es.get("SBI").yields().isEmpty(), "SBI's factor needs the interference quadrature (simulator)");
    }

    private static double acceptanceRatio(double p, double delta) {
        IterativeLegendreGaussIntegrator q = new IterativeLegendreGaussIntegrator(16, 1e-15, 1e-15);
        double shifted = q.integrate(10_000, m -> Math.pow(m / 200, -p), 200 / (1 + delta), 1000 / (1 + delta));
        double nominal = q.integrate(10_000, m -> Math.pow(m / 200, -p), 200, 1000);
        return shifted / nominal;
    }
}
