package org.nsbi.spark.score;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The [load] progress line prints paths as plain paths, never as file: URIs. */
class ScoredTableLoadLineTest {

    @Test
    void pathsPrintAsPlainPaths() {
        Map<String, String> shown = Map.of("file:/tmp/run/scored/observed", "/tmp/run/scored/observed",
                "file:///tmp/run/scored/reference", "/tmp/run/scored/reference",
                "out/scored/observed", "out/scored/observed",
                "/data/scored/observed", "/data/scored/observed");
        shown.forEach((given, plain) -> assertEquals("[load] " + plain + ": 12 events (collect 0.5s, table 0.1s)",
                ScoredTable.loadLine(given, 12, 0.5, 0.1), given));
    }
}
