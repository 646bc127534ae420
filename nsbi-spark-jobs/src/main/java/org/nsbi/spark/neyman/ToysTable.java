package org.nsbi.spark.neyman;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.nsbi.model.UserError;
import org.nsbi.spark.io.DriverParquet;
import org.nsbi.spark.io.InputTables;
import org.nsbi.stats.toys.ToyOutcome;

/**
 * The toys table ({@code toys/}, Parquet): one row per pseudo-experiment, one column per field of
 * {@link ToyOutcome}. The one place that knows its layout: schema, to row, from row.
 */
public final class ToysTable {

    /** mu_index, mu_true, toy, t, mu_hat, alpha_hat, converged, failure, n_pe, failure_reason, at_bound. */
    public static final StructType SCHEMA = DataTypes.createStructType(List.of(
            DataTypes.createStructField("mu_index", DataTypes.IntegerType, false),
            DataTypes.createStructField("mu_true", DataTypes.DoubleType, false),
            DataTypes.createStructField("toy", DataTypes.IntegerType, false),
            DataTypes.createStructField("t", DataTypes.DoubleType, false),
            DataTypes.createStructField("mu_hat", DataTypes.DoubleType, false),
            DataTypes.createStructField("alpha_hat", DataTypes.createArrayType(DataTypes.DoubleType, false), false),
            DataTypes.createStructField("converged", DataTypes.BooleanType, false),
            DataTypes.createStructField("failure", DataTypes.StringType, true),
            DataTypes.createStructField("n_pe", DataTypes.LongType, false),
            DataTypes.createStructField("failure_reason", DataTypes.StringType, true),
            DataTypes.createStructField("at_bound", DataTypes.BooleanType, false)));

    private ToysTable() {
    }

    public static Row toRow(ToyOutcome o) {
        return RowFactory.create(o.muIndex(), o.muTrue(), o.toyIndex(), o.t(), o.muHat(), o.alphaHat(), o.converged(),
                o.failure(), o.nPe(), o.failureReason(), o.atBound());
    }

    /** A row of the table (columns in {@link #SCHEMA}'s order) back into the outcome. */
    public static ToyOutcome fromRow(Row r) {
        List<Object> alpha = r.getList(5);
        double[] a = new double[alpha.size()];
        for (int i = 0; i < a.length; i++) {
            a[i] = ((Number) alpha.get(i)).doubleValue();
        }
        return new ToyOutcome(r.getInt(0), r.getDouble(1), r.getInt(2), r.getDouble(3), r.getDouble(4), a,
                r.getBoolean(6), r.isNullAt(7) ? null : r.getString(7), r.getLong(8), r.isNullAt(9) ? null : r.getString(9),
                r.getBoolean(10));
    }

    public static Dataset<Row> frame(SparkSession spark, List<ToyOutcome> outcomes) {
        return spark.createDataFrame(outcomes.stream().map(ToysTable::toRow).toList(), SCHEMA);
    }

    /**
     * Writes {@code outcomes} as a toys table (Parquet, the file Spark's writer makes) at {@code path}, rows in list
     * order, from the driver without a Spark job ({@link DriverParquet}).
     */
    public static void write(SparkSession spark, List<ToyOutcome> outcomes, String path) {
        List<Row> rows = new ArrayList<>(outcomes.size());
        for (ToyOutcome o : outcomes) {
            rows.add(toRow(o));
        }
        DriverParquet.write(SCHEMA, rows, path, spark.sparkContext().hadoopConfiguration());
    }

    /**
     * Every toy of a toys table, ordered by grid point (mu_index) and toy index, whatever the order of its files.
     *
     * @throws IllegalArgumentException when the folder holds no toys table
     */
    public static List<ToyOutcome> read(SparkSession spark, String dir) {
        Dataset<Row> table = InputTables.parquet(spark, "a toys table (toys/ of 'nsbi neyman' or 'demo')", dir);
        List<String> missing = new ArrayList<>();
        for (String c : SCHEMA.fieldNames()) {
            if (!List.of(table.columns()).contains(c)) {
                missing.add(c);
            }
        }
        if (!missing.isEmpty()) {
            throw new UserError(dir + ": no columns " + missing + "; expected a toys table ("
                    + String.join(", ", SCHEMA.fieldNames()) + ")");
        }
        List<ToyOutcome> out = new ArrayList<>();
        for (Row r : table.select(columns()).collectAsList()) {
            out.add(fromRow(r));
        }
        // files come back in Spark's listing order (by size), not the order they were written in
        out.sort(java.util.Comparator.comparingInt(ToyOutcome::muIndex).thenComparingInt(ToyOutcome::toyIndex));
        return out;
    }

    private static org.apache.spark.sql.Column[] columns() {
        return java.util.Arrays.stream(SCHEMA.fieldNames()).map(org.apache.spark.sql.functions::col)
                .toArray(org.apache.spark.sql.Column[]::new);
    }
}
