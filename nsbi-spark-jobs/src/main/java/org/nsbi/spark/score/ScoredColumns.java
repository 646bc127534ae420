package org.nsbi.spark.score;

/**
 * Names of the ratio columns of a scored table: {@code r_<process>} for p_c/p_ref and
 * {@code r_<process>__<nuisance>__up|down} for p_c(x | &alpha;_k = &plusmn;1)/p_c(x).
 */
public final class ScoredColumns {

    private ScoredColumns() {
    }

    public static String process(String process) {
        return "r_" + process;
    }

    public static String shape(String process, String nuisance, int direction) {
        if (direction != 1 && direction != -1) {
            throw new IllegalArgumentException("direction = " + direction + "; expected +1 or -1");
        }
        return "r_" + process + "__" + nuisance + "__" + (direction > 0 ? "up" : "down");
    }
}
