package org.nsbi.spark.score;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The [load] progress line prints paths as plain paths, never as file: URIs or staging folder names. */
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

    /** run reads its scores back from its own staging folder: the line names them where they will be. */
    @Test
    void scoresInAnOpenOutputFolderAreShownAtTheirFinalPlace(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
        String target = dir.resolve("run-out").toString();
        org.nsbi.spark.io.OutputFolder out = org.nsbi.spark.io.OutputFolder.create(target,
                org.nsbi.spark.io.OutputFolder.ExistingPolicy.REFUSE, new org.apache.hadoop.conf.Configuration());
        try {
            assertEquals("[load] " + target + "/scored/reference: 12 events (collect 0.5s, table 0.1s)",
                    ScoredTable.loadLine(out.stagingPath("scored/reference"), 12, 0.5, 0.1));
        } finally {
            out.abandon();
        }
    }
}
