package org.nsbi.spark.score;

import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.catalyst.InternalRow;
import org.nsbi.model.UserError;
import org.nsbi.model.score.CanonicalOrder;

/**
 * One Spark partition of a scored block table as one packed block: its events' columns as {@code float[column][event]},
 * in {@link CanonicalOrder}. Runs in the tasks, so the partitions are decoded and sorted in parallel, and the driver
 * only merges a few sorted blocks. Reads Spark's internal rows ({@code block: long, n: int}, then the array columns in
 * this function's order): each array is copied out as a float[] at once, no value is boxed. A column the files do not
 * have reads as null: the user's error, named.
 */
final class PackedPartition implements FlatMapFunction<Iterator<InternalRow>, float[][]> {

    private static final long serialVersionUID = 1L;

    private final String path;
    private final String[] columns;

    /**
     * @param path    the table's path, for messages
     * @param columns the names of the array columns that follow {@code block} and {@code n} in the rows
     */
    PackedPartition(String path, String[] columns) {
        this.path = path;
        this.columns = columns.clone();
    }

    @Override
    public Iterator<float[][]> call(Iterator<InternalRow> rows) {
        int width = columns.length;
        float[][] packed = new float[width][1024];
        int n = 0;
        while (rows.hasNext()) {
            InternalRow row = rows.next();
            if (row.isNullAt(0) || row.isNullAt(1)) {
                throw new UserError(path + ": a row without " + (row.isNullAt(0) ? "a block id" : "an event count n")
                        + "; expected a scored block table of 'nsbi score' (block, n, the features, weight, the ratios)");
            }
            long block = row.getLong(0);
            int size = row.getInt(1);
            if (n + size > packed[0].length) {
                int grown = Math.max(n + size, 2 * packed[0].length);
                for (int x = 0; x < width; x++) {
                    packed[x] = Arrays.copyOf(packed[x], grown);
                }
            }
            for (int x = 0; x < width; x++) {
                if (row.isNullAt(2 + x)) {
                    throw new UserError(path + ": block " + block + " has no column " + columns[x] + "; expected the"
                            + " columns " + List.of(columns) + " (the features and weight of the config, the ratio columns"
                            + " of its analysis: scored with another config?)");
                }
                float[] values = row.getArray(2 + x).toFloatArray();
                if (values.length != size) {
                    throw new IllegalStateException(path + ": block " + block + ": column " + columns[x] + " has "
                            + values.length + " values; expected n = " + size);
                }
                System.arraycopy(values, 0, packed[x], n, size);
            }
            n += size;
        }
        if (n == 0) {
            return Collections.emptyIterator();
        }
        for (int x = 0; x < width; x++) {
            packed[x] = Arrays.copyOf(packed[x], n);
        }
        return Collections.singletonList(CanonicalOrder.sort(packed)).iterator();
    }
}
