package org.nsbi.spark.score;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nsbi.model.UserError;
import org.nsbi.model.ratio.EventBlock;
import org.nsbi.model.ratio.FeatureBlock;
import org.nsbi.model.score.ScoredColumns;
import org.nsbi.spark.SharedSpark;
import org.nsbi.spark.io.EventBlockRows;
import org.nsbi.stats.expr.Coefficient;
import org.nsbi.stats.model.EventTable;
import org.nsbi.stats.model.MixtureModel;
import org.nsbi.stats.model.Process;

/**
 * {@link ScoredTable#load}, which reads, packs and sorts each partition's files in its task and merges on the driver,
 * gives the table of the row-by-row load it replaced ({@link RowByRowScoredTable}) bit for bit, however many files.
 */
class ScoredTableLoadTest {

    private static final String[] FEATURES = {"m", "c"};

    /** S (coefficient mu) with a shape effect of a; B with shape effects of a and b, and a yield effect of b. */
    private static MixtureModel model() {
        return MixtureModel.of(List.of(
                new Process("S", 20, Coefficient.parse("mu"), new double[] {1, 1}, new double[] {1, 1},
                        new boolean[] {true, false}),
                new Process("B", 50, Coefficient.parse("1"), new double[] {1, 1.1}, new double[] {1, 0.9},
                        new boolean[] {true, true})), List.of("a", "b"), "mu", 0, 5);
    }

    /**
     * Blocks of random sizes with many ties in the features (values on a coarse grid) and exact duplicates of events,
     * written as {@code files} Parquet files.
     */
    private static Path write(SparkSession spark, Path dir, int files, List<String> columns, boolean doubles) {
        SplittableRandom random = new SplittableRandom(11);
        List<Row> rows = new ArrayList<>();
        for (int b = 0; b < 60; b++) {
            int n = 1 + random.nextInt(40);
            float[] values = new float[n * FEATURES.length];
            float[] weights = new float[n];
            Map<String, float[]> ratios = new LinkedHashMap<>();
            for (String c : columns) {
                ratios.put(c, new float[n]);
            }
            for (int i = 0; i < n; i++) {
                if (i > 0 && random.nextInt(6) == 0) { // a duplicate of the block's previous event
                    values[i * 2] = values[i * 2 - 2];
                    values[i * 2 + 1] = values[i * 2 - 1];
                    weights[i] = weights[i - 1];
                    for (float[] r : ratios.values()) {
                        r[i] = r[i - 1];
                    }
                    continue;
                }
                values[i * 2] = random.nextInt(5) * 0.25f;
                values[i * 2 + 1] = random.nextInt(3);
                weights[i] = random.nextInt(2) == 0 ? 0.5f : (float) random.nextDouble();
                for (float[] r : ratios.values()) {
                    r[i] = (float) (0.2 + 2 * random.nextDouble());
                }
            }
            Row row = EventBlockRows.toRow(new EventBlock(b, new FeatureBlock(FEATURES, n, values), weights, ratios));
            rows.add(doubles ? withDoubles(row) : row);
        }
        StructType schema = EventBlockRows.schema(FEATURES, columns);
        if (doubles) {
            StructField[] fields = schema.fields().clone();
            for (int f = 0; f < fields.length; f++) {
                if (fields[f].dataType() instanceof org.apache.spark.sql.types.ArrayType) {
                    fields[f] = DataTypes.createStructField(fields[f].name(),
                            DataTypes.createArrayType(DataTypes.DoubleType, false), false);
                }
            }
            schema = DataTypes.createStructType(fields);
        }
        Path out = dir.resolve("scored-" + files + (doubles ? "-doubles" : ""));
        spark.createDataFrame(rows, schema).repartition(files).write().parquet(out.toString());
        return out;
    }

    private static Row withDoubles(Row row) {
        Object[] values = new Object[row.length()];
        for (int i = 0; i < values.length; i++) {
            values[i] = row.get(i) instanceof float[] f ? toDoubles(f) : row.get(i);
        }
        return RowFactory.create(values);
    }

    private static double[] toDoubles(float[] f) {
        double[] d = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            d[i] = f[i];
        }
        return d;
    }

    @Test
    void theLoadedTableIsTheRowByRowLoadsBitForBitWhateverTheFiles(@TempDir Path dir) {
        SparkSession spark = SharedSpark.session();
        MixtureModel model = model();
        double[] scale = {1 / 1.03, 1 / 0.97};
        for (int files : new int[] {1, 3, 7}) { // one partition, or several files in each of the session's two
            String path = write(spark, dir, files, ScoredColumns.of(model), false).toString();
            for (double[] ratioScale : new double[][] {scale, null}) {
                ScoredTable.Loaded loaded = ScoredTable.load(spark, path, FEATURES, model, ratioScale);
                ScoredTable.Loaded expected = RowByRowScoredTable.load(spark, path, FEATURES, model, ratioScale);
                String what = files + " files, ratios " + (ratioScale != null ? "scaled" : "as scored");
                assertEquals(expected.table().size(), loaded.table().size(), what);
                assertArrayEquals(rows(expected.table()), rows(loaded.table()), what);
                for (int f = 0; f < FEATURES.length; f++) {
                    assertArrayEquals(expected.features()[f], loaded.features()[f], what + ", feature " + f);
                }
            }
        }
    }

    /** Every value of the table (weights, ratios, shape ratios and their logs), row after row. */
    private static float[] rows(EventTable table) {
        int[] all = new int[table.size()];
        for (int i = 0; i < all.length; i++) {
            all[i] = i;
        }
        float[] out = new float[table.size() * table.stride()];
        table.copyRows(all, all.length, out);
        assertTrue(table.size() > 1_000, "events in the table: " + table.size());
        return out;
    }

    @Test
    void aRatioColumnTheFilesDoNotHaveIsTheUsersErrorNamingIt(@TempDir Path dir) {
        SparkSession spark = SharedSpark.session();
        MixtureModel model = model();
        List<String> columns = new ArrayList<>(ScoredColumns.of(model));
        columns.remove("r_B__b__down");
        String path = write(spark, dir, 2, columns, false).toString();
        UserError e = assertThrows(UserError.class, () -> ScoredTable.load(spark, path, FEATURES, model, null));
        assertTrue(e.getMessage().contains(path) && e.getMessage().contains("has no column r_B__b__down"), e.getMessage());
    }

    @Test
    void aFolderWithoutParquetFilesIsTheUsersError(@TempDir Path dir) {
        UserError e = assertThrows(UserError.class, () -> ScoredTable.load(SharedSpark.session(), dir.toString(),
                FEATURES, model(), null));
        assertTrue(e.getMessage().contains("no Parquet files"), e.getMessage());
    }

    @Test
    void aColumnOfDoublesIsTheUsersErrorNamingIt(@TempDir Path dir) {
        SparkSession spark = SharedSpark.session();
        MixtureModel model = model();
        String path = write(spark, dir, 2, ScoredColumns.of(model), true).toString();
        UserError e = assertThrows(UserError.class, () -> ScoredTable.load(spark, path, FEATURES, model, null));
        assertTrue(e.getMessage().contains(path) && e.getMessage().contains("holds DOUBLE; expected array<float>"),
                e.getMessage());
    }
}
