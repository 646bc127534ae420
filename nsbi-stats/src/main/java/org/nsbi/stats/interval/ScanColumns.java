package org.nsbi.stats.interval;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;

/**
 * The columns of scan.csv: {@code mu, t_obs}, then the critical value at each confidence level, named by its
 * percentage without a dot ({@code t_crit_68} for 0.6827, {@code t_crit_95} for 0.9545; as many more digits, after
 * an underscore, as it takes to tell the levels apart: {@code t_crit_99}, {@code t_crit_99_5}), and last
 * {@code at_bound}: whether the conditional fit at that &mu; (or the global fit) ended with a nuisance parameter on a
 * bound of its range.
 */
public final class ScanColumns {

    private ScanColumns() {
    }

    /** The header's columns for a belt's confidence levels, in their order. */
    public static List<String> header(List<Double> cls) {
        List<String> out = new ArrayList<>(List.of("mu", "t_obs"));
        for (int digits = 0; digits <= 6; digits++) {
            List<String> names = new ArrayList<>();
            for (double cl : cls) {
                names.add("t_crit_" + BigDecimal.valueOf(cl).movePointRight(2).setScale(digits, RoundingMode.DOWN)
                        .toPlainString().replace('.', '_'));
            }
            if (new HashSet<>(names).size() == names.size()) {
                out.addAll(names);
                out.add("at_bound");
                return out;
            }
        }
        throw new IllegalArgumentException("confidence levels " + cls + " are not distinct to 1e-8");
    }
}
