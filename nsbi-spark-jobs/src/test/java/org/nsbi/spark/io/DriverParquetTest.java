package org.nsbi.spark.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.FileMetaData;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nsbi.spark.SharedSpark;
import org.nsbi.spark.neyman.BeltsTable;
import org.nsbi.spark.neyman.ToysTable;
import org.nsbi.stats.belt.Belt;
import org.nsbi.stats.toys.ToyOutcome;

/**
 * The driver's Parquet writer against Spark's own: the same file schema and footer, read back by Spark as the same
 * rows and types, nulls, NaN, infinities and empty arrays included.
 */
class DriverParquetTest {

    @TempDir
    Path dir;

    private static List<ToyOutcome> toys() {
        List<ToyOutcome> toys = new ArrayList<>();
        for (int m = 0; m < 2; m++) {
            for (int k = 0; k < 6; k++) {
                boolean failed = k == 3;
                double t = failed ? Double.NaN : k == 4 ? Double.POSITIVE_INFINITY : 0.1 * k + m;
                double[] alpha = k == 5 ? new double[0] : new double[] {0.01 * k, -0.02 * m, -0.0};
                toys.add(new ToyOutcome(m, 0.5 * m, k, t, 0.25 * k, alpha, !failed,
                        failed ? "global fit: no convergence, \u03bc\u0302 < 0" : null, 100L + k + (m == 1 ? 1L << 40 : 0),
                        failed ? "iteration_limit" : null, k % 3 == 0));
            }
        }
        return toys;
    }

    private static List<Row> rows(List<ToyOutcome> toys) {
        return toys.stream().map(ToysTable::toRow).toList();
    }

    @Test
    void toysWrittenHereAreReadBackBySparkUnchanged() {
        SparkSession spark = SharedSpark.session();
        String path = dir.resolve("toys").toString();
        DriverParquet.write(ToysTable.SCHEMA, rows(toys()), path, spark.sparkContext().hadoopConfiguration());
        assertEquals(toys(), ToysTable.read(spark, path));
        assertEquals(ToysTable.SCHEMA.asNullable(), spark.read().parquet(path).schema(), "Spark reads files as nullable");
    }

    @Test
    void theFileHasTheSchemaAndSparkMetadataOfSparksOwnWrite() throws IOException {
        SparkSession spark = SharedSpark.session();
        Configuration conf = spark.sparkContext().hadoopConfiguration();
        String ours = dir.resolve("ours").toString();
        String sparks = dir.resolve("sparks").toString();
        DriverParquet.write(ToysTable.SCHEMA, rows(toys()), ours, conf);
        ToysTable.frame(spark, toys()).coalesce(1).write().parquet(sparks);
        FileMetaData a = footer(ours, conf);
        FileMetaData b = footer(sparks, conf);
        assertEquals(b.getSchema(), a.getSchema());
        String key = "org.apache.spark.sql.parquet.row.metadata";
        assertEquals(b.getKeyValueMetaData().get(key), a.getKeyValueMetaData().get(key));
        assertEquals(b.getKeyValueMetaData().get("org.apache.spark.version"),
                a.getKeyValueMetaData().get("org.apache.spark.version"));
        assertTrue(Files.exists(Path.of(ours, "_SUCCESS")), "a folder as Spark writes it");
    }

    @Test
    void beltsWrittenHereAreReadBackBySparkUnchanged() throws IOException {
        SparkSession spark = SharedSpark.session();
        Configuration conf = spark.sparkContext().hadoopConfiguration();
        Belt belt = Belt.build(new double[] {0, 0.5}, toys(), List.of(0.6827, 0.9545));
        String path = dir.resolve("belts").toString();
        String sparks = dir.resolve("belts-spark").toString();
        BeltsTable.write(spark, belt, path);
        BeltsTable.frame(spark, belt).coalesce(1).write().parquet(sparks);
        List<org.nsbi.stats.belt.BeltPoint> back = new ArrayList<>();
        for (Row r : spark.read().parquet(path).collectAsList()) {
            back.add(BeltsTable.fromRow(r));
        }
        assertEquals(belt.points(), back);
        assertEquals(footer(sparks, conf).getSchema(), footer(path, conf).getSchema());
    }

    @Test
    void aColumnTypeItDoesNotKnowIsRefusedNamingTheColumn() {
        StructType schema = DataTypes.createStructType(List.of(
                DataTypes.createStructField("when", DataTypes.TimestampType, false)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DriverParquet.write(schema,
                List.of(), dir.resolve("x").toString(), new Configuration()));
        assertTrue(e.getMessage().startsWith("column when is of type timestamp;"), e.getMessage());
    }

    @Test
    void aNullInAColumnThatIsNotNullableIsRefused() {
        StructType schema = DataTypes.createStructType(List.of(
                DataTypes.createStructField("t", DataTypes.DoubleType, false)));
        List<Row> rows = new ArrayList<>();
        rows.add(RowFactory.create((Object) null));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DriverParquet.write(schema,
                rows, dir.resolve("y").toString(), new Configuration()));
        assertTrue(e.getMessage().startsWith("column t is null"), e.getMessage());
    }

    private static FileMetaData footer(String folder, Configuration conf) throws IOException {
        Path file;
        try (Stream<Path> files = Files.list(Path.of(folder))) {
            file = files.filter(p -> p.getFileName().toString().endsWith(".parquet")).findFirst().orElseThrow();
        }
        try (ParquetFileReader r = ParquetFileReader.open(HadoopInputFile.fromPath(
                new org.apache.hadoop.fs.Path(file.toString()), conf))) {
            return r.getFooter().getFileMetaData();
        }
    }
}
