package org.nsbi.stats.coverage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.nsbi.stats.likelihood.TestModels;
import org.nsbi.stats.model.EventTable;
import org.nsbi.stats.model.MixtureModel;
import org.nsbi.stats.toys.ToyOutcome;

/** A coverage experiment is keyed by its mu_true's canonical value, as the belt's toys are. */
class ExperimentRunnerTest {

    private static final MixtureModel MODEL = TestModels.offshellLike();
    private static final EventTable SAMPLE = TestModels.randomEvents(MODEL, 2000, 5);

    private static List<ToyOutcome> run(double muTrue) {
        BootstrapExperiments source = BootstrapExperiments.of(MODEL, SAMPLE, 0.3, new double[3]);
        return ExperimentRunner.run(11, "coverage-test", 0, muTrue, 0, 3, source, MODEL);
    }

    @Test
    void experimentsAreKeyedByTheCanonicalMuValue() {
        // 0.1 + 0.2 is 0.30000000000000004: the same point as 0.3 (the key rounds to 12 significant digits)
        List<ToyOutcome> a = run(0.1 + 0.2);
        List<ToyOutcome> b = run(0.3);
        assertEquals(b, a, "the same experiments, fitted at the same mu_true, bit for bit");
        assertEquals(0.3, a.get(0).muTrue());
        assertNotEquals(b.get(0), run(0.3 + 1e-9).get(0), "another mu_true, other streams");
    }
}
