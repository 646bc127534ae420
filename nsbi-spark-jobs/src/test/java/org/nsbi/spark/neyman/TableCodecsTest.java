package org.nsbi.spark.neyman;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nsbi.model.UserError;
import org.nsbi.spark.SharedSpark;
import org.nsbi.stats.belt.Belt;
import org.nsbi.stats.belt.BeltPoint;
import org.nsbi.stats.toys.ToyOutcome;

/** The toys and belts tables' codecs: what goes through Parquet comes back the same. */
class TableCodecsTest {

    @TempDir
    Path dir;

    private static List<ToyOutcome> toys() {
        List<ToyOutcome> toys = new ArrayList<>();
        for (int m = 0; m < 2; m++) {
            for (int k = 0; k < 5; k++) {
                boolean failed = k == 3;
                toys.add(new ToyOutcome(m, 0.5 * m, k, failed ? Double.NaN : 0.1 * k + m, 0.25 * k,
                        new double[] {0.01 * k, -0.02 * m}, !failed, failed ? "global fit: no convergence" : null, 100 + k,
                        failed ? "iteration_limit" : null, k % 3 == 0));
            }
        }
        return toys;
    }

    @Test
    void toysGoThroughParquetUnchanged() {
        SparkSession spark = SharedSpark.session();
        String path = dir.resolve("toys").toString();
        ToysTable.frame(spark, toys()).coalesce(1).write().parquet(path);
        assertEquals(toys(), ToysTable.read(spark, path));
    }

    /**
     * The table is read back in (mu_index, toy) order whatever order its files hold the rows in: Spark lists and
     * packs Parquet files by size, so a resumed or re-partitioned write can come back in another order.
     */
    @Test
    void toysAreReadInMuAndToyOrderWhateverTheFilesOrder() {
        SparkSession spark = SharedSpark.session();
        String path = dir.resolve("toys-reversed").toString();
        List<ToyOutcome> reversed = new ArrayList<>(toys());
        java.util.Collections.reverse(reversed);
        ToysTable.frame(spark, reversed).coalesce(1).write().parquet(path);
        assertEquals(toys(), ToysTable.read(spark, path));
    }

    @Test
    void aFolderWithoutTheToysColumnsIsRefusedNamingThem() {
        SparkSession spark = SharedSpark.session();
        String path = dir.resolve("not-toys").toString();
        BeltsTable.frame(spark, Belt.build(new double[] {0, 0.5}, toys(), List.of(0.6827))).write().parquet(path);
        UserError e = assertThrows(UserError.class, () -> ToysTable.read(spark, path));
        assertTrue(e.getMessage().startsWith(path + ": no columns [mu_index, mu_true, toy, t, mu_hat, alpha_hat,"
                + " converged, failure, n_pe, failure_reason, at_bound]; expected a toys table"), e.getMessage());
    }

    @Test
    void beltPointsGoThroughParquetUnchanged() {
        SparkSession spark = SharedSpark.session();
        Belt belt = Belt.build(new double[] {0, 0.5}, toys(), List.of(0.6827, 0.9545));
        String path = dir.resolve("belts").toString();
        BeltsTable.frame(spark, belt).coalesce(1).write().parquet(path);
        List<BeltPoint> back = new ArrayList<>();
        for (Row r : spark.read().parquet(path).collectAsList()) {
            back.add(BeltsTable.fromRow(r));
        }
        assertEquals(belt.points(), back);
    }
}
