package org.nsbi.spark.distributed;

import java.util.Locale;
import org.apache.spark.SparkContext;
import org.nsbi.model.UserError;
import org.nsbi.model.output.ReferencePlacement;

/**
 * Where a data set is worked on: whole in one JVM (a scan on the driver; toys from a broadcast copy on every
 * executor), or in blocks on the executors (a scan as one tree aggregate per NLL evaluation; toys drawn block by
 * block and assembled by a shuffle). {@code auto} keeps a table in one JVM while its rows take at most
 * {@value #HEAP_FRACTION_TEXT} of the smaller of the driver's and an executor's heap: the driver holds the collected
 * rows and their serialised broadcast, every executor a copy and, for toys, an alias table per grid point, so the
 * one-JVM path needs several times the rows' size.
 *
 * @param mode       the place chosen
 * @param events     the data set's events
 * @param tableBytes the rows' size, events &times; the model's row width in floats &times; 4
 * @param limitBytes the largest table kept in one JVM by {@code auto}
 * @param reason     why, in one line (for the plan and the summary)
 */
public record Placement(Mode mode, long events, long tableBytes, long limitBytes, String reason) {

    /** The two places. */
    public enum Mode { SINGLE, DISTRIBUTED }

    /** The largest fraction of the smaller heap a table may take to stay in one JVM. */
    static final double HEAP_FRACTION = 1.0 / 8;
    private static final String HEAP_FRACTION_TEXT = "1/8";

    /** The default choice. */
    public static final String AUTO = "auto";

    /** The choices of the command-line option ({@code --placement}). */
    public static final String CHOICES = "auto, single, distributed";

    /**
     * The place for a table of {@code events} rows of {@code rowFloats} floats, from the option's value
     * ({@code auto}, {@code single} or {@code distributed}) and the heap available to one JVM of {@code sc}.
     *
     * @throws UserError for another value, naming the option and the choices
     */
    public static Placement choose(String option, long events, int rowFloats, SparkContext sc) {
        return choose(option, events, rowFloats, heapBytes(sc));
    }

    /** {@link #choose} with the heap of one JVM given. */
    public static Placement choose(String option, long events, int rowFloats, long heapBytes) {
        String value = check(option);
        long bytes = events * rowFloats * 4L;
        long limit = (long) (heapBytes * HEAP_FRACTION);
        String size = String.format(Locale.ROOT, "%d events, %.1f MB of rows", events, bytes / 1e6);
        return switch (value) {
            case "single" -> new Placement(Mode.SINGLE, events, bytes, limit, size + "; single by --placement");
            case "distributed" -> new Placement(Mode.DISTRIBUTED, events, bytes, limit, size + "; distributed by --placement");
            default -> {
                Mode m = bytes <= limit ? Mode.SINGLE : Mode.DISTRIBUTED;
                yield new Placement(m, events, bytes, limit, String.format(Locale.ROOT, "%s %s the one-JVM limit of %.1f MB"
                        + " (%s of the smaller heap, %.0f MB)", size, m == Mode.SINGLE ? "within" : "above", limit / 1e6,
                        HEAP_FRACTION_TEXT, heapBytes / 1e6));
            }
        };
    }

    /**
     * The option's value in lower case (null: auto), checked before any data is read.
     *
     * @throws UserError for a value other than auto, single or distributed, naming the option and the choices
     */
    public static String check(String option) {
        String value = option == null ? "auto" : option.toLowerCase(Locale.ROOT);
        if (!value.equals("auto") && !value.equals("single") && !value.equals("distributed")) {
            throw new UserError("--placement = " + option + "; expected one of " + CHOICES);
        }
        return value;
    }

    /** The smaller of the driver's heap and an executor's ({@code spark.executor.memory}; in local mode the driver's). */
    static long heapBytes(SparkContext sc) {
        long driver = Runtime.getRuntime().maxMemory();
        if (sc.isLocal() || !sc.conf().contains("spark.executor.memory")) {
            return sc.isLocal() ? driver : Math.min(driver, 1L << 30);
        }
        return Math.min(driver, sc.conf().getSizeAsBytes("spark.executor.memory"));
    }

    /** As summary.json records it. */
    public ReferencePlacement record() {
        return new ReferencePlacement(name(), events, tableBytes, limitBytes, reason);
    }

    /** True for the one-JVM place. */
    public boolean single() {
        return mode == Mode.SINGLE;
    }

    /** The mode as the plan and the summary name it ("single" or "distributed"). */
    public String name() {
        return mode.name().toLowerCase(Locale.ROOT);
    }
}
