package org.nsbi.spark.cli;

import java.nio.file.Path;
import java.util.List;
import org.nsbi.model.config.AnalysisConfig;
import org.nsbi.model.config.AnalysisConfigParser;
import org.nsbi.model.config.EventSource;
import org.nsbi.model.config.NeymanSettings;

/** The example off-shell toy with exact ratios, on a small simulated reference sample and a given Neyman setting. */
final class SmallExactToy {

    private SmallExactToy() {
    }

    /** S, B and NI reference samples of {@code events} each (seeds firstSeed, +1, +2), the rest of the example. */
    static AnalysisConfig config(long events, long firstSeed, NeymanSettings neyman) {
        AnalysisConfig full = AnalysisConfigParser.withDefaults()
                .parse(Path.of("..", "submit", "examples", "offshell-toy-exact.yaml"));
        return new AnalysisConfig(full.file(), full.features(), List.of(
                new EventSource.Simulated("ref_S", "S", events, firstSeed),
                new EventSource.Simulated("ref_B", "B", events, firstSeed + 1),
                new EventSource.Simulated("ref_NI", "NI", events, firstSeed + 2)),
                full.processes(), full.systematics(), full.poi(), neyman,
                full.observed(), full.badRatios(), full.observedAux());
    }
}
