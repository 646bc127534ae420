package org.nsbi.model.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** NeymanSettings' with… copies change the one component they name and keep the others. */
class NeymanSettingsCopiesTest {

    private static final AnalysisConfig CONFIG = AnalysisConfigParser.withDefaults().parse(ExampleConfigTest.EXAMPLE);

    @Test
    void neymanSettingsCopies() {
        NeymanSettings n = CONFIG.neyman();
        NeymanSettings swapped = n.withMuGrid(n.confidenceLevels()).withConfidenceLevels(n.muGrid());
        assertEquals(n.confidenceLevels(), swapped.muGrid());
        assertEquals(n.muGrid(), swapped.confidenceLevels());
        assertEquals(new NeymanSettings(n.muGrid(), 7, n.confidenceLevels(), 42, NeymanSettings.NuisanceTruth.PROFILED),
                n.withToysPerPoint(7).withSeed(42).withNuisanceTruth(NeymanSettings.NuisanceTruth.PROFILED));
    }
}
