package org.nsbi.spark.io;

import java.util.Arrays;
import org.apache.spark.sql.AnalysisException;
import org.apache.spark.sql.DataFrameReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.nsbi.model.UserError;

/**
 * Tables read from paths the user gave (options, the config, run folders). Spark finds out on reading that a path
 * does not exist or holds no table of that format ({@code PATH_NOT_FOUND}, {@code UNABLE_TO_INFER_SCHEMA}); that is
 * the user's error, reported in one line naming what was expected there, not a stack trace.
 */
public final class InputTables {

    private InputTables() {
    }

    /**
     * @param expected what should be there, for the message (e.g. "the scored reference sample of 'nsbi score'")
     * @throws UserError when Spark cannot read a table there
     */
    public static Dataset<Row> parquet(SparkSession spark, String expected, String... paths) {
        return read(spark.read(), "parquet", expected, paths);
    }

    /** CSV files with a header line. */
    public static Dataset<Row> csv(SparkSession spark, String expected, String... paths) {
        return read(spark.read().option("header", "true"), "csv", expected, paths);
    }

    private static Dataset<Row> read(DataFrameReader reader, String format, String expected, String... paths) {
        try {
            return reader.format(format).load(paths);
        } catch (Exception e) { // Scala throws the checked AnalysisException undeclared
            if (e instanceof AnalysisException) {
                String spark = e.getMessage().lines().findFirst().orElse(e.getClass().getSimpleName()).strip();
                throw new UserError(String.join(", ", Arrays.asList(paths)) + ": cannot read a " + format + " table ("
                        + spark + "); expected " + expected, e);
            }
            throw e;
        }
    }
}
