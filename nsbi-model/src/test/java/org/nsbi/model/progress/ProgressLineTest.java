package org.nsbi.model.progress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ProgressLineTest {

    @Test
    void formatsStageCountRateAndEta() {
        ProgressLine line = new ProgressLine("neyman", "toys", 1000, System.err, 0);
        assertEquals("[neyman] toys 250/1000 (25%)  125/s  ETA 6s", line.format(250, 2_000_000_000L));
        assertEquals("[neyman] toys 1000/1000 (100%)  500/s  done in 2s", line.format(1000, 2_000_000_000L));
    }

    @Test
    void longDurationsReadAsMinutesAndHours() {
        assertEquals("2m05s", ProgressLine.duration(125));
        assertEquals("1h01m", ProgressLine.duration(3660));
    }

    @Test
    void throttlesButAlwaysPrintsTheLastLine() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ProgressLine line = new ProgressLine("score", "events", 10, new PrintStream(bytes, true, StandardCharsets.UTF_8), 60_000);
        for (int i = 0; i < 10; i++) {
            line.advance(1);
        }
        String[] lines = bytes.toString(StandardCharsets.UTF_8).strip().split("\n");
        assertEquals(1, lines.length, "within the interval only the final line is printed");
        assertTrue(lines[0].startsWith("[score] events 10/10 (100%)"), lines[0]);
    }
}
