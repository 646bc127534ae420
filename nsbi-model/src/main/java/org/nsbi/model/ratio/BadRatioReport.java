package org.nsbi.model.ratio;

import java.util.ArrayList;
import java.util.List;

/**
 * Counts of bad ratios (NaN, +&infin;, negative including &minus;&infin;) with up to {@link #MAX_EXAMPLES}
 * example event indices per kind. Mutable accumulator, confined to one thread (one ratio function); reports of
 * several functions or partitions are combined with {@link #merge(BadRatioReport)}.
 */
public final class BadRatioReport {

    /** How many example event indices are kept per kind. */
    public static final int MAX_EXAMPLES = 5;

    private final String ratioName;
    private long events;
    private long nan;
    private long infinite;
    private long negative;
    private final List<Long> nanExamples = new ArrayList<>();
    private final List<Long> infiniteExamples = new ArrayList<>();
    private final List<Long> negativeExamples = new ArrayList<>();

    /** An empty report for the ratio of this name. */
    public BadRatioReport(String ratioName) {
        this.ratioName = ratioName;
    }

    /** True if r is a valid ratio: finite and &ge; 0. */
    public static boolean isGood(double r) {
        return r >= 0 && r < Double.POSITIVE_INFINITY;
    }

    /**
     * Scans {@code r[0 .. n)} and counts its bad values; event i of the block gets index {@code firstIndex + i}.
     *
     * @return the number of bad values in this block
     */
    public long scan(double[] r, int n, long firstIndex) {
        long bad = 0;
        for (int i = 0; i < n; i++) {
            double v = r[i];
            if (!isGood(v)) {
                bad++;
                long index = firstIndex + i;
                if (Double.isNaN(v)) {
                    nan = count(nan, nanExamples, index);
                } else if (v == Double.POSITIVE_INFINITY) {
                    infinite = count(infinite, infiniteExamples, index);
                } else {
                    negative = count(negative, negativeExamples, index);
                }
            }
        }
        events += n;
        return bad;
    }

    private static long count(long counter, List<Long> examples, long index) {
        if (examples.size() < MAX_EXAMPLES) {
            examples.add(index);
        }
        return counter + 1;
    }

    /** Adds another report's counts and examples (examples up to the limit) into this one. */
    public void merge(BadRatioReport other) {
        events += other.events;
        nan += other.nan;
        infinite += other.infinite;
        negative += other.negative;
        addExamples(nanExamples, other.nanExamples);
        addExamples(infiniteExamples, other.infiniteExamples);
        addExamples(negativeExamples, other.negativeExamples);
    }

    private static void addExamples(List<Long> into, List<Long> from) {
        for (Long i : from) {
            if (into.size() < MAX_EXAMPLES) {
                into.add(i);
            }
        }
    }

    public String ratioName() {
        return ratioName;
    }

    /** Events scanned. */
    public long events() {
        return events;
    }

    public long nanCount() {
        return nan;
    }

    public long infiniteCount() {
        return infinite;
    }

    public long negativeCount() {
        return negative;
    }

    /** NaN + infinite + negative. */
    public long badCount() {
        return nan + infinite + negative;
    }

    public List<Long> nanExamples() {
        return List.copyOf(nanExamples);
    }

    public List<Long> infiniteExamples() {
        return List.copyOf(infiniteExamples);
    }

    public List<Long> negativeExamples() {
        return List.copyOf(negativeExamples);
    }

    /**
     * One line, e.g. {@code ratio 'ratio_S': 3 bad ratios in 4096 events: 1 NaN (events 17), 0 infinite,
     * 2 negative (events 3, 9)}.
     */
    public String summary() {
        return "ratio '" + ratioName + "': " + badCount() + " bad ratios in " + events + " events: "
                + part(nan, "NaN", nanExamples) + ", " + part(infinite, "infinite", infiniteExamples) + ", "
                + part(negative, "negative", negativeExamples);
    }

    private static String part(long count, String kind, List<Long> examples) {
        if (count == 0) {
            return "0 " + kind;
        }
        StringBuilder sb = new StringBuilder().append(count).append(' ').append(kind).append(" (events ");
        for (int i = 0; i < examples.size(); i++) {
            sb.append(i == 0 ? "" : ", ").append(examples.get(i));
        }
        return sb.append(count > examples.size() ? ", ...)" : ")").toString();
    }

    @Override
    public String toString() {
        return summary();
    }
}
