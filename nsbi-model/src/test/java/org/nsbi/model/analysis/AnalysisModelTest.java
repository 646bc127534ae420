package org.nsbi.model.analysis;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nsbi.model.config.AnalysisConfigParser;
import org.nsbi.stats.model.MixtureModel;
import org.nsbi.stats.model.Process;

class AnalysisModelTest {

    @Test
    void theExampleBecomesTheOffshellToysMixture() {
        MixtureModel m = AnalysisModel.mixture(AnalysisConfigParser.withDefaults()
                .parse(Path.of("..", "submit", "examples", "offshell-toy.yaml")));
        assertEquals(List.of("S", "SBI", "B", "NI"), m.processes().stream().map(Process::name).toList());
        assertEquals(List.of("energy_scale", "ni_norm", "ni_shape"), m.nuisances());
        assertTrue(m.fitsInSqrtMu());
        assertEquals(0, m.muMin());
        Process ni = m.process(3);
        assertArrayEquals(new double[] {1.0201, 1.10, 1}, ni.kappaUp(), 1e-12);
        assertArrayEquals(new double[] {0.9801, 0.92, 1}, ni.kappaDown(), 1e-12);
        assertArrayEquals(new boolean[] {true, false, true}, ni.shape());
        assertArrayEquals(new boolean[3], m.normalisedShapes(), "default shape_normalisation: none (the seeds' model)");
        assertTrue(!m.needsReference());
        // nu(mu) = 35 mu - 43.0005 sqrt(mu) + 550 at alpha = 0
        for (double mu : new double[] {0, 1, 2.25}) {
            assertEquals(35 * mu - 43.000497 * Math.sqrt(mu) + 550, m.expectedYield(mu, new double[3]), 1e-5);
        }
    }

    @Test
    void aGridPointWhereNoEventIsExpectedIsRefused() {
        // the example with every process's coefficient times mu: at mu = 0 nothing is expected
        org.nsbi.model.config.AnalysisConfig c = AnalysisConfigParser.withDefaults()
                .parse(Path.of("..", "submit", "examples", "offshell-toy-exact.yaml"));
        List<org.nsbi.model.config.ProcessSpec> scaled = c.processes().stream()
                .map(p -> new org.nsbi.model.config.ProcessSpec(p.name(), p.yield(), "mu * (" + p.coefficient() + ")",
                        p.ratio()))
                .toList();
        org.nsbi.model.config.AnalysisConfig zero = new org.nsbi.model.config.AnalysisConfig(c.file(), c.features(),
                c.reference(), scaled, c.systematics(), c.poi(), c.neyman(), c.observed(), c.badRatios(), c.observedAux());
        org.nsbi.model.config.ConfigException e = org.junit.jupiter.api.Assertions.assertThrows(
                org.nsbi.model.config.ConfigException.class, () -> AnalysisModel.mixture(zero));
        assertEquals(List.of(c.file() + ": neyman.mu_grid[0]: expected a mu at which some events are expected"
                + " (nu = sum of yield x coefficient > 0), found mu = 0.0 with nu = 0.0 (S: 35.0 x (mu * (mu - sqrt(mu))) = 0.0,"
                + " SBI: 141.999503 x (mu * (sqrt(mu))) = 0.0, B: 150.0 x (mu * (1 - sqrt(mu))) = 0.0, NI: 400.0 x (mu * (1)) = 0.0):"
                + " the total Asimov weight is zero there and no pseudo-experiment can be drawn"), e.problems());
    }
}
