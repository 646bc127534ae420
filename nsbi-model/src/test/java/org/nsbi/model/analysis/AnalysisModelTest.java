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
        // nu(mu) = 35 mu - 43.0005 sqrt(mu) + 550 at alpha = 0
        for (double mu : new double[] {0, 1, 2.25}) {
            assertEquals(35 * mu - 43.000497 * Math.sqrt(mu) + 550, m.expectedYield(mu, new double[3]), 1e-5);
        }
    }
}
