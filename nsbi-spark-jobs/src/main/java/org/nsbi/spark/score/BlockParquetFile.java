package org.nsbi.spark.score;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.ColumnReader;
import org.apache.parquet.column.impl.ColumnReadStoreImpl;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.example.DummyRecordConverter;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.nsbi.model.UserError;
import org.nsbi.spark.io.EventBlockRows;

/**
 * One Parquet file of a scored block table ({@link EventBlockRows}: {@code block: long, n: int}, then one array of
 * floats per column) read column by column with parquet-hadoop's column readers, straight into float columns: no Spark
 * SQL (no query planning, no generated code, no rows), so a fresh JVM's load does not first start Spark's SQL engine.
 * Each row's array must hold exactly n values (checked by the repetition levels); a missing column or one of another
 * type is the user's error, named.
 */
final class BlockParquetFile {

    private BlockParquetFile() {
    }

    /** Float columns that grow as files are appended: {@code float[column][event]}, the first {@code size} events used. */
    static final class Columns {
        private float[][] values;
        private int size;

        Columns(int width) {
            values = new float[width][1024];
        }

        private void reserve(int more) {
            if (size + more > values[0].length) {
                int grown = Math.max(size + more, 2 * values[0].length);
                for (int x = 0; x < values.length; x++) {
                    values[x] = Arrays.copyOf(values[x], grown);
                }
            }
        }

        int size() {
            return size;
        }

        /** The columns, exactly {@link #size()} events long. */
        float[][] trimmed() {
            float[][] out = new float[values.length][];
            for (int x = 0; x < values.length; x++) {
                out[x] = Arrays.copyOf(values[x], size);
            }
            return out;
        }
    }

    /**
     * Appends the events of {@code file} to {@code into}, one column per name of {@code columns}.
     *
     * @param table the table's path as the user gave it, for messages
     */
    static void read(Path file, Configuration conf, String table, String[] columns, Columns into) throws IOException {
        try (ParquetFileReader reader = ParquetFileReader.open(HadoopInputFile.fromPath(file, conf))) {
            MessageType schema = reader.getFooter().getFileMetaData().getSchema();
            String createdBy = reader.getFooter().getFileMetaData().getCreatedBy();
            ColumnDescriptor block = leaf(schema, table, file, EventBlockRows.BLOCK, PrimitiveTypeName.INT64, "long");
            ColumnDescriptor size = leaf(schema, table, file, EventBlockRows.SIZE, PrimitiveTypeName.INT32, "int");
            ColumnDescriptor[] arrays = new ColumnDescriptor[columns.length];
            for (int x = 0; x < columns.length; x++) {
                arrays[x] = leaf(schema, table, file, columns[x], PrimitiveTypeName.FLOAT, "array<float>");
                if (arrays[x].getMaxRepetitionLevel() != 1) {
                    throw new UserError(table + ": column " + columns[x] + " in " + file.getName() + " is not an array"
                            + " of floats; expected array<float> (a scored block table of 'nsbi score')");
                }
            }
            PageReadStore group;
            while ((group = reader.readNextRowGroup()) != null) {
                ColumnReadStoreImpl store = new ColumnReadStoreImpl(group, new DummyRecordConverter(schema).getRootConverter(),
                        schema, createdBy);
                int rows = Math.toIntExact(group.getRowCount());
                long[] ids = new long[rows];
                int[] sizes = new int[rows];
                ColumnReader ir = store.getColumnReader(block);
                ColumnReader nr = store.getColumnReader(size);
                long events = 0;
                for (int r = 0; r < rows; r++) {
                    if (ir.getCurrentDefinitionLevel() < block.getMaxDefinitionLevel()
                            || nr.getCurrentDefinitionLevel() < size.getMaxDefinitionLevel()) {
                        throw new UserError(table + ": a row of " + file.getName() + " without a block id or an event"
                                + " count n; expected a scored block table of 'nsbi score'");
                    }
                    ids[r] = ir.getLong();
                    sizes[r] = nr.getInteger();
                    ir.consume();
                    nr.consume();
                    events += sizes[r];
                }
                into.reserve(Math.toIntExact(events));
                for (int x = 0; x < columns.length; x++) {
                    readArrays(store.getColumnReader(arrays[x]), arrays[x], slot(schema, arrays[x]), ids, sizes,
                            into.values[x], into.size, table, columns[x]);
                }
                into.size += (int) events;
            }
        }
    }

    /**
     * The definition level at which an array column's entry is an element (null or not): the level of its repeated
     * field. One less is an empty array, less still a null one; the leaf's maximum is an element with a value.
     */
    private static int slot(MessageType schema, ColumnDescriptor d) {
        String[] path = d.getPath();
        for (int k = 1; k <= path.length; k++) {
            String[] prefix = Arrays.copyOf(path, k);
            if (schema.getMaxRepetitionLevel(prefix) == 1) {
                return schema.getMaxDefinitionLevel(prefix);
            }
        }
        return d.getMaxDefinitionLevel();
    }

    /** Row r's array of column {@code d} into {@code out} from {@code at} on: sizes[r] values each, checked. */
    private static void readArrays(ColumnReader reader, ColumnDescriptor d, int slot, long[] ids, int[] sizes, float[] out,
                                   int at, String table, String column) {
        int full = d.getMaxDefinitionLevel();
        long left = reader.getTotalValueCount();
        for (int r = 0; r < sizes.length; r++) {
            int n = sizes[r];
            if (left == 0 || reader.getCurrentRepetitionLevel() != 0) {
                throw new UserError(table + ": block " + ids[r] + ": column " + column + " has "
                        + (left == 0 ? "no row" : "more values than n") + "; expected n = " + n + " values per block");
            }
            int def = reader.getCurrentDefinitionLevel();
            if (def < slot - 1) { // a null array
                throw new UserError(table + ": block " + ids[r] + " has no values in column " + column
                        + "; expected n = " + n);
            }
            if (def == slot - 1) { // an empty array
                reader.consume();
                left--;
                if (n != 0) {
                    throw new UserError(table + ": block " + ids[r] + ": column " + column + " has 0 values; expected"
                            + " n = " + n);
                }
                continue;
            }
            for (int i = 0; i < n; i++) {
                if (left == 0 || (i > 0 && reader.getCurrentRepetitionLevel() == 0)) {
                    throw new UserError(table + ": block " + ids[r] + ": column " + column + " has " + i
                            + " values; expected n = " + n);
                }
                if (reader.getCurrentDefinitionLevel() != full) {
                    throw new UserError(table + ": block " + ids[r] + ": column " + column + " has a null at " + i
                            + "; expected n = " + n + " floats");
                }
                out[at++] = reader.getFloat();
                reader.consume();
                left--;
            }
        }
        if (left != 0) {
            throw new UserError(table + ": column " + column + " has " + left + " values beyond the blocks' n");
        }
    }

    /** The one leaf column under the top-level field {@code name}, of the given primitive type. */
    private static ColumnDescriptor leaf(MessageType schema, String table, Path file, String name, PrimitiveTypeName type,
                                         String expected) {
        List<ColumnDescriptor> under = schema.getColumns().stream().filter(c -> c.getPath()[0].equals(name)).toList();
        if (under.isEmpty()) {
            throw new UserError(table + ": " + file.getName() + " has no column " + name + "; expected the columns"
                    + " of a scored block table of 'nsbi score' for the config: block, n, its features and weight, the"
                    + " ratio columns of its analysis (scored with another config?)");
        }
        ColumnDescriptor c = under.get(0);
        if (under.size() != 1 || c.getPrimitiveType().getPrimitiveTypeName() != type) {
            throw new UserError(table + ": column " + name + " in " + file.getName() + " holds "
                    + (under.size() != 1 ? under.size() + " columns" : c.getPrimitiveType().getPrimitiveTypeName())
                    + "; expected " + expected + " (a scored block table of 'nsbi score')");
        }
        return c;
    }
}
