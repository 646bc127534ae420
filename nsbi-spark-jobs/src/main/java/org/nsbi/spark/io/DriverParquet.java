package org.nsbi.spark.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.hadoop.util.HadoopOutputFile;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.MessageType;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.execution.datasources.parquet.ParquetReadSupport;
import org.apache.spark.sql.execution.datasources.parquet.SparkToParquetSchemaConverter;
import org.apache.spark.sql.internal.SQLConf;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * A small table the driver holds (the toys, the belts: thousands of rows) written as one Parquet file from the driver,
 * without a Spark job: the file Spark's own writer would make of the same rows (Spark's Parquet schema for the
 * {@link StructType}, from Spark's converter; Spark's schema in the footer, so Spark reads the same types and
 * nullability back; snappy), in a folder as Spark writes it ({@code part-00000-<uuid>-c000.snappy.parquet} and
 * {@code _SUCCESS}). A Spark write of such a table is a job of its own (planning, a task, the commit protocol's
 * temporary folders and renames): about 0.1 s per table warm, measured in bench/pipeline-benchmark.sh, against a few
 * milliseconds here. Columns of type int, long, double, boolean, string and array of double.
 */
public final class DriverParquet {

    private DriverParquet() {
    }

    /**
     * Writes {@code rows} (columns in {@code schema}'s order, null where a column is nullable and has no value) in list
     * order as a Parquet table in the folder {@code dir}, which must not exist yet.
     *
     * @throws IllegalArgumentException for a column type this writer does not know, or a null in a non-nullable column
     */
    public static void write(StructType schema, List<Row> rows, String dir, Configuration conf) {
        try (Writer writer = open(schema, dir, conf)) {
            for (Row r : rows) {
                writer.write(r);
            }
            writer.finish();
        }
    }

    /**
     * Opens a table in the folder {@code dir}, which must not exist yet, for rows handed over one at a time
     * ({@link Writer}): the same file {@link #write} makes of the same rows in the same order.
     *
     * @throws IllegalArgumentException for a column type this writer does not know
     */
    public static Writer open(StructType schema, String dir, Configuration conf) {
        for (StructField f : schema.fields()) {
            requireKnown(f);
        }
        Path folder = new Path(dir);
        try {
            FileSystem fs = folder.getFileSystem(conf);
            if (fs.exists(folder)) {
                throw new IllegalStateException(dir + " exists; a table is written into a new folder");
            }
            fs.mkdirs(folder);
            OutputFile file = HadoopOutputFile.fromPath(new Path(folder, "part-00000-" + UUID.randomUUID() + "-c000.snappy.parquet"), conf);
            Builder builder = new Builder(file, schema).withConf(conf).withCompressionCodec(CompressionCodecName.SNAPPY)
                    .withWriteMode(ParquetFileWriter.Mode.CREATE);
            for (StructField f : schema.fields()) {
                // measured doubles are almost all distinct: Parquet would build a dictionary of them, find it no smaller
                // than the values and write them plain after all; plain from the start
                if (f.dataType().equals(DataTypes.DoubleType)) {
                    builder = builder.withDictionaryEncoding(f.name(), false);
                } else if (f.dataType() instanceof ArrayType) {
                    builder = builder.withDictionaryEncoding(f.name() + ".list.element", false);
                }
            }
            return new Writer(dir, fs, folder, builder.build());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the table " + dir + ": " + e.getMessage(), e);
        }
    }

    /**
     * A table being written, row by row ({@link #open}): {@link #finish} completes it (the file's footer and
     * {@code _SUCCESS}); closed before that, the file is closed and the folder left incomplete, without {@code _SUCCESS}.
     */
    public static final class Writer implements AutoCloseable {
        private final String dir;
        private final FileSystem fs;
        private final Path folder;
        private final ParquetWriter<Row> parquet;
        private boolean closed;

        private Writer(String dir, FileSystem fs, Path folder, ParquetWriter<Row> parquet) {
            this.dir = dir;
            this.fs = fs;
            this.folder = folder;
            this.parquet = parquet;
        }

        /**
         * Writes a row (columns in the schema's order, null where a column is nullable and has no value).
         *
         * @throws IllegalArgumentException for a null in a non-nullable column
         */
        public void write(Row row) {
            try {
                parquet.write(row);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write the table " + dir + ": " + e.getMessage(), e);
            }
        }

        /** Completes the table: closes its file and writes {@code _SUCCESS}. */
        public void finish() {
            try {
                closed = true;
                parquet.close();
                fs.create(new Path(folder, "_SUCCESS"), false).close();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write the table " + dir + ": " + e.getMessage(), e);
            }
        }

        /** Closes the file if {@link #finish} did not (the table is then incomplete). */
        @Override
        public void close() {
            if (!closed) {
                closed = true;
                try {
                    parquet.close();
                } catch (IOException | RuntimeException e) {
                    // an incomplete table is abandoned; the error that ended the writing is the one to report
                }
            }
        }
    }

    /** Spark's Parquet schema of {@code schema}, as Spark's writer makes it (the standard, non-legacy layout). */
    static MessageType parquetSchema(StructType schema) {
        return new SparkToParquetSchemaConverter(false, SQLConf.ParquetOutputTimestampType$.MODULE$.INT96(), false)
                .convert(schema); // not legacy: the list layout written below; timestamps and field ids: Spark's defaults
    }

    private static void requireKnown(StructField f) {
        DataType t = f.dataType();
        boolean known = t.equals(DataTypes.IntegerType) || t.equals(DataTypes.LongType) || t.equals(DataTypes.DoubleType)
                || t.equals(DataTypes.BooleanType) || t.equals(DataTypes.StringType)
                || t instanceof ArrayType a && a.elementType().equals(DataTypes.DoubleType) && !a.containsNull();
        if (!known) {
            throw new IllegalArgumentException("column " + f.name() + " is of type " + t.simpleString()
                    + "; this writer knows int, bigint, double, boolean, string and array<double> without nulls");
        }
    }

    private static final class Builder extends ParquetWriter.Builder<Row, Builder> {
        private final StructType schema;

        Builder(OutputFile file, StructType schema) {
            super(file);
            this.schema = schema;
        }

        @Override
        protected Builder self() {
            return this;
        }

        @Override
        protected WriteSupport<Row> getWriteSupport(Configuration conf) {
            return new RowWriteSupport(schema);
        }
    }

    /** Writes a {@link Row} field by field, as Spark's ParquetWriteSupport writes the same row. */
    private static final class RowWriteSupport extends WriteSupport<Row> {
        private final StructType schema;
        private RecordConsumer out;

        RowWriteSupport(StructType schema) {
            this.schema = schema;
        }

        @Override
        public WriteContext init(Configuration configuration) {
            Map<String, String> meta = new HashMap<>();
            meta.put(ParquetReadSupport.SPARK_METADATA_KEY(), schema.json());
            meta.put("org.apache.spark.version", org.apache.spark.package$.MODULE$.SPARK_VERSION_SHORT());
            return new WriteContext(parquetSchema(schema), meta);
        }

        @Override
        public void prepareForWrite(RecordConsumer recordConsumer) {
            out = recordConsumer;
        }

        @Override
        public void write(Row row) {
            StructField[] fields = schema.fields();
            out.startMessage();
            for (int i = 0; i < fields.length; i++) {
                if (row.isNullAt(i)) {
                    if (!fields[i].nullable()) {
                        throw new IllegalArgumentException("column " + fields[i].name() + " is null in " + row
                                + "; it is not nullable");
                    }
                    continue;
                }
                out.startField(fields[i].name(), i);
                value(fields[i].dataType(), row, i);
                out.endField(fields[i].name(), i);
            }
            out.endMessage();
        }

        private void value(DataType t, Row row, int i) {
            if (t.equals(DataTypes.IntegerType)) {
                out.addInteger(row.getInt(i));
            } else if (t.equals(DataTypes.LongType)) {
                out.addLong(row.getLong(i));
            } else if (t.equals(DataTypes.DoubleType)) {
                out.addDouble(row.getDouble(i));
            } else if (t.equals(DataTypes.BooleanType)) {
                out.addBoolean(row.getBoolean(i));
            } else if (t.equals(DataTypes.StringType)) {
                out.addBinary(Binary.fromString(row.getString(i)));
            } else {
                doubles(row.get(i));
            }
        }

        /** A list in the standard three-level layout: group (LIST) { repeated group list { required double element } }. */
        private void doubles(Object value) {
            double[] values = value instanceof double[] d ? d : toDoubles(value);
            out.startGroup();
            if (values.length > 0) {
                out.startField("list", 0);
                for (double v : values) {
                    out.startGroup();
                    out.startField("element", 0);
                    out.addDouble(v);
                    out.endField("element", 0);
                    out.endGroup();
                }
                out.endField("list", 0);
            }
            out.endGroup();
        }

        private static double[] toDoubles(Object value) {
            if (value instanceof scala.collection.Seq<?> seq) {
                double[] d = new double[seq.size()];
                for (int k = 0; k < d.length; k++) {
                    d[k] = ((Number) seq.apply(k)).doubleValue();
                }
                return d;
            }
            if (value instanceof List<?> list) {
                double[] d = new double[list.size()];
                for (int k = 0; k < d.length; k++) {
                    d[k] = ((Number) list.get(k)).doubleValue();
                }
                return d;
            }
            throw new IllegalArgumentException("an array column holds a " + value.getClass().getName()
                    + "; expected double[], a Seq or a List of numbers");
        }
    }
}
