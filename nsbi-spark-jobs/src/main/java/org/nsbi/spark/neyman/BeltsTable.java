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
import org.nsbi.stats.belt.Belt;
import org.nsbi.stats.belt.BeltPoint;

/**
 * The belts table ({@code belts/} Parquet, and the columns of belts.csv): one row per (&mu;, CL), one column per
 * field of {@link BeltPoint}, in the order of {@link BeltPoint#CSV_HEADER}.
 */
public final class BeltsTable {

    public static final StructType SCHEMA = DataTypes.createStructType(List.of(
            DataTypes.createStructField("mu", DataTypes.DoubleType, false),
            DataTypes.createStructField("cl", DataTypes.DoubleType, false),
            DataTypes.createStructField("t_crit", DataTypes.DoubleType, false),
            DataTypes.createStructField("t_crit_lo", DataTypes.DoubleType, false),
            DataTypes.createStructField("t_crit_hi", DataTypes.DoubleType, false),
            DataTypes.createStructField("n_toys", DataTypes.IntegerType, false),
            DataTypes.createStructField("n_failed", DataTypes.IntegerType, false),
            DataTypes.createStructField("muhat_lo", DataTypes.DoubleType, false),
            DataTypes.createStructField("muhat_hi", DataTypes.DoubleType, false),
            DataTypes.createStructField("too_few_toys", DataTypes.BooleanType, false),
            DataTypes.createStructField("n_at_bound", DataTypes.IntegerType, false)));

    private BeltsTable() {
    }

    public static Row toRow(BeltPoint p) {
        return RowFactory.create(p.mu(), p.cl(), p.tCrit(), p.tCritLo(), p.tCritHi(), p.nToys(), p.nFailed(),
                p.muhatLo(), p.muhatHi(), p.tooFewToys(), p.nAtBound());
    }

    public static BeltPoint fromRow(Row r) {
        return new BeltPoint(r.getDouble(0), r.getDouble(1), r.getDouble(2), r.getDouble(3), r.getDouble(4),
                r.getInt(5), r.getInt(6), r.getDouble(7), r.getDouble(8), r.getBoolean(9), r.getInt(10));
    }

    /**
     * Reads belts.csv ({@link Belt#fromCsv}); {@code file} names it in messages.
     *
     * @throws UserError when the text is not a belts.csv
     */
    public static Belt fromCsv(String text, String file) {
        try {
            return Belt.fromCsv(text, file);
        } catch (IllegalArgumentException e) { // Belt's parser names the file, the line and what was expected
            throw new UserError(e.getMessage(), e);
        }
    }

    public static Dataset<Row> frame(SparkSession spark, Belt belt) {
        return spark.createDataFrame(rows(belt), SCHEMA);
    }

    /** Writes the belt as a belts table (Parquet, one file) at {@code path}, from the driver ({@link DriverParquet}). */
    public static void write(SparkSession spark, Belt belt, String path) {
        DriverParquet.write(SCHEMA, rows(belt), path, spark.sparkContext().hadoopConfiguration());
    }

    private static List<Row> rows(Belt belt) {
        List<Row> rows = new ArrayList<>();
        for (BeltPoint p : belt.points()) {
            rows.add(toRow(p));
        }
        return rows;
    }
}
