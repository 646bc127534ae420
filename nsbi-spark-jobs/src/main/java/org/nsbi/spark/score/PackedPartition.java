package org.nsbi.spark.score;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Collections;
import java.util.Iterator;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.util.SerializableConfiguration;
import org.nsbi.model.score.CanonicalOrder;

/**
 * The Parquet files of one Spark partition of a scored block table as one packed block: their events' columns as
 * {@code float[column][event]}, in {@link CanonicalOrder}. Runs in the tasks, so the files are decoded and sorted in
 * parallel, and the driver only merges a few sorted blocks. Each file is read column by column
 * ({@link BlockParquetFile}): no value is boxed and Spark's SQL engine is not involved.
 */
final class PackedPartition implements FlatMapFunction<Iterator<String>, float[][]> {

    private static final long serialVersionUID = 2L;

    private final String table;
    private final String[] columns;
    private final SerializableConfiguration conf;

    /**
     * @param table   the table's path as the user gave it, for messages
     * @param columns the names of the array columns to read, in the packed block's order
     */
    PackedPartition(String table, String[] columns, SerializableConfiguration conf) {
        this.table = table;
        this.columns = columns.clone();
        this.conf = conf;
    }

    @Override
    public Iterator<float[][]> call(Iterator<String> files) {
        BlockParquetFile.Columns packed = new BlockParquetFile.Columns(columns.length);
        while (files.hasNext()) {
            Path file = new Path(files.next());
            try {
                BlockParquetFile.read(file, conf.value(), table, columns, packed);
            } catch (IOException e) {
                throw new UncheckedIOException("reading " + file, e);
            }
        }
        if (packed.size() == 0) {
            return Collections.emptyIterator();
        }
        return Collections.singletonList(CanonicalOrder.sort(packed.trimmed())).iterator();
    }
}
