package org.nsbi.spark.score;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.nsbi.model.UserError;
import org.nsbi.model.config.EventSource;
import org.nsbi.model.offshell.OffshellEvents;
import org.nsbi.model.offshell.OffshellSample;
import org.nsbi.model.offshell.OffshellSimulator;
import org.nsbi.model.ratio.EventBlock;
import org.nsbi.model.ratio.FeatureBlock;
import org.nsbi.spark.io.InputTables;

/**
 * Reads the events of a config's sample into blocks: files (Parquet or CSV, per-event rows, any
 * Hadoop URL) or the off-shell toy simulator. Every value is checked on the way in: a missing
 * column, a non-numeric or non-finite feature, a negative or NaN weight is an error that names the
 * file, the column and the value.
 */
public final class EventSources {

    /** Column carrying each row's file, for messages. */
    private static final String FILE = "__nsbi_file";

    private EventSources() {
    }

    /**
     * The events of one source as blocks of at most {@code blockSize} events.
     *
     * @param sourceIndex distinguishes the block ids of several sources of one sample
     * @param extra       data columns to carry along (ratio sources that are columns)
     */
    public static JavaRDD<EventBlock> read(SparkSession spark, EventSource source, int sourceIndex,
                                           List<String> features, List<String> extra, int blockSize) {
        if (source instanceof EventSource.Files files) {
            return readFiles(spark, files, sourceIndex, features, extra, blockSize);
        }
        if (source instanceof EventSource.Simulated sim) {
            if (!extra.isEmpty()) {
                throw new UserError(source.name() + ": simulated events have no data columns "
                        + extra + "; a ratio source that is a column needs events from files");
            }
            OffshellEvents.checkFeatures(source.name(), features);
            return simulated(spark, sim, sourceIndex, blockSize);
        }
        throw new IllegalArgumentException(source.name() + ": an observation drawn at a truth is read with "
                + "ObservedData, not as a sample");
    }

    private static JavaRDD<EventBlock> simulated(SparkSession spark, EventSource.Simulated sim, int sourceIndex,
                                                 int blockSize) {
        OffshellSample sample = OffshellSample.byName(sim.sample());
        int blocks = OffshellSimulator.numBlocks(sim.events(), blockSize);
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        long seed = sim.seed();
        long total = sim.events();
        String name = sample.name();
        long base = (long) sourceIndex << 40;
        return jsc.parallelize(IntStream.range(0, blocks).boxed().toList(), Math.max(1, Math.min(blocks, jsc.defaultParallelism() * 4)))
                .map(b -> {
                    OffshellEvents e = OffshellSimulator.block(OffshellSample.byName(name), seed, b, blockSize, total);
                    return new EventBlock(base | b, e.features(), EventBlock.toFloat(e.weight()), Map.of());
                });
    }

    private static JavaRDD<EventBlock> readFiles(SparkSession spark, EventSource.Files files, int sourceIndex,
                                                 List<String> features, List<String> extra, int blockSize) {
        String expected = "the events of sample " + files.name() + " (files: in the config or --sample)";
        Dataset<Row> df = files.format() == EventSource.Format.PARQUET
                ? InputTables.parquet(spark, expected, files.paths().toArray(String[]::new))
                : InputTables.csv(spark, expected, files.paths().toArray(String[]::new));
        List<String> needed = new ArrayList<>(features);
        needed.addAll(extra);
        if (files.weightColumn() != null) {
            needed.add(files.weightColumn());
        }
        List<String> present = Arrays.asList(df.columns());
        for (String c : needed) {
            if (!present.contains(c)) {
                throw new UserError(files.paths() + " (sample " + files.name() + "): no column '" + c
                        + "'; expected the columns " + needed + ", found " + present);
            }
        }
        List<Column> select = new ArrayList<>();
        for (String c : needed) {
            select.add(functions.col(c));
        }
        select.add(functions.input_file_name().as(FILE));
        JavaRDD<Row> rows = df.select(select.toArray(Column[]::new)).javaRDD();
        String[] featureNames = features.toArray(String[]::new);
        String[] extraNames = extra.toArray(String[]::new);
        String weight = files.weightColumn();
        String[] columns = needed.toArray(String[]::new);
        long base = (long) sourceIndex << 40;
        return rows.mapPartitionsWithIndex((partition, it) -> blocks(it, featureNames, extraNames, weight, columns,
                blockSize, base | ((long) partition << 20)), true);
    }

    /**
     * @param weight  the weight column, or null for weight 1
     * @param columns the names of the row's columns before the file name (features, extra, weight), for messages
     */
    private static Iterator<EventBlock> blocks(Iterator<Row> rows, String[] features, String[] extra, String weight,
                                               String[] columns, int blockSize, long idBase) {
        return new Iterator<>() {
            long next = idBase;

            @Override
            public boolean hasNext() {
                return rows.hasNext();
            }

            @Override
            public EventBlock next() {
                int nf = features.length;
                float[] values = new float[blockSize * nf];
                float[] weights = new float[blockSize];
                float[][] extras = new float[extra.length][blockSize];
                int n = 0;
                while (n < blockSize && rows.hasNext()) {
                    Row r = rows.next();
                    String file = r.getString(r.length() - 1);
                    for (int f = 0; f < nf; f++) {
                        values[n * nf + f] = finite(r, f, columns, file);
                    }
                    for (int x = 0; x < extra.length; x++) {
                        extras[x][n] = number(r, nf + x, columns, file);
                    }
                    if (weight != null) {
                        float w = number(r, nf + extra.length, columns, file);
                        if (!(w >= 0) || Float.isInfinite(w)) {
                            throw new UserError(file + ": weight column " + weight + ": value " + w
                                    + "; expected a finite event weight >= 0 (in the event " + event(r, columns) + ")");
                        }
                        weights[n] = w;
                    } else {
                        weights[n] = 1f;
                    }
                    n++;
                }
                Map<String, float[]> cols = new LinkedHashMap<>();
                for (int x = 0; x < extra.length; x++) {
                    cols.put(extra[x], Arrays.copyOf(extras[x], n));
                }
                return new EventBlock(next++, new FeatureBlock(features, n, Arrays.copyOf(values, n * nf)),
                        Arrays.copyOf(weights, n), cols);
            }
        };
    }

    private static float finite(Row r, int i, String[] columns, String file) {
        float v = number(r, i, columns, file);
        if (!Float.isFinite(v)) {
            throw new UserError(file + ": feature column " + columns[i] + ": value " + v
                    + "; expected a finite number (in the event " + event(r, columns) + ")");
        }
        return v;
    }

    private static float number(Row r, int i, String[] columns, String file) {
        Object v = r.get(i);
        if (v == null) {
            throw new UserError(file + ": column " + columns[i] + ": an empty value; expected a number"
                    + " (in the event " + event(r, columns) + ")");
        }
        if (v instanceof Number num) {
            return num.floatValue();
        }
        try {
            return Float.parseFloat(v.toString().trim());
        } catch (NumberFormatException e) {
            throw new UserError(file + ": column " + columns[i] + ": value '" + v
                    + "'; expected a number (in the event " + event(r, columns) + ")");
        }
    }

    /** The row's values as read, e.g. {@code {x1=0.5, x2=abc}}, to find the event in its file. */
    private static String event(Row r, String[] columns) {
        StringBuilder sb = new StringBuilder("{");
        for (int c = 0; c < columns.length; c++) {
            sb.append(c == 0 ? "" : ", ").append(columns[c]).append('=').append(r.get(c));
        }
        return sb.append('}').toString();
    }

    /** The sources for messages: {@code 'name' ([paths])} or {@code 'name' (simulated)}, comma-separated. */
    public static String describe(List<EventSource> sources) {
        List<String> out = new ArrayList<>();
        for (EventSource s : sources) {
            out.add("'" + s.name() + "' (" + (s instanceof EventSource.Files f ? String.join(", ", f.paths()) : "simulated") + ")");
        }
        return String.join(", ", out);
    }
}
