package org.nsbi.spark.bench;

import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.nsbi.spark.session.SparkSessions;

/**
 * Compares the toys tables of two neyman runs row by row (every column, bit for bit) and exits 1 if they differ.
 * Usage: CompareToys RUN_A RUN_B
 */
public final class CompareToys {

    private CompareToys() {
    }

    public static void main(String[] args) {
        SparkSession spark = SparkSessions.getOrCreate("nsbi compare toys", "local[1]", Map.of());
        Dataset<Row> a = spark.read().parquet(args[0] + "/toys");
        Dataset<Row> b = spark.read().parquet(args[1] + "/toys");
        long na = a.count();
        long nb = b.count();
        long onlyA = a.exceptAll(b).count();
        long onlyB = b.exceptAll(a).count();
        System.out.printf("toys: %d in %s, %d in %s; rows only in the first: %d, only in the second: %d -> %s%n", na, args[0],
                nb, args[1], onlyA, onlyB, onlyA == 0 && onlyB == 0 && na == nb ? "IDENTICAL" : "DIFFERENT");
        spark.stop();
        System.exit(onlyA == 0 && onlyB == 0 && na == nb ? 0 : 1);
    }
}
