package org.nsbi.stats.interval;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class ScanColumnsTest {

    @Test
    void criticalValueColumnsAreNamedByTheirPercentageWithoutADot() {
        assertEquals(List.of("mu", "t_obs", "t_crit_68", "t_crit_95", "at_bound"), ScanColumns.header(List.of(0.6827, 0.9545)));
        assertEquals(List.of("mu", "t_obs", "t_crit_90", "at_bound"), ScanColumns.header(List.of(0.9)));
    }

    @Test
    void levelsThatShareAPercentageGetMoreDigits() {
        assertEquals(List.of("mu", "t_obs", "t_crit_99_0", "t_crit_99_5", "at_bound"), ScanColumns.header(List.of(0.99, 0.995)));
    }
}
