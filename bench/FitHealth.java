import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import static org.apache.spark.sql.functions.*;

/**
 * Fit health of a Neyman run (issue 12): per grid point the toys, the failed ones by reason, the toys whose
 * conditional or global fit ended on a nuisance parameter's bound, and those whose global alpha-hat is on a bound.
 * Reads RUN/toys (Parquet). Works on runs from before the at_bound / failure_reason columns: then the reason is
 * classified from the failure text, and only the global fit's alpha-hat (in the table) can show a bound.
 * With a second run (BEFORE), also the toys whose t differs between the two by more than 1e-9 (relative), per point.
 * Usage: java -cp JAR:SPARK_JARS/* bench/FitHealth.java RUN [BEFORE]
 */
public class FitHealth {
    public static void main(String[] args) {
        String run = args[0];
        double bound = 5.0;
        SparkSession spark = SparkSession.builder().master("local[1]").appName("fit-health")
                .config("spark.ui.enabled", "false").getOrCreate();
        spark.sparkContext().setLogLevel("ERROR");
        Dataset<Row> toys = spark.read().parquet(run + "/toys");
        List<String> cols = List.of(toys.columns());
        var reason = cols.contains("failure_reason") ? col("failure_reason")
                : when(col("converged"), lit(null))
                .when(col("failure").contains("Hessian"), lit("hessian_not_positive_definite"))
                .when(col("failure").contains("density"), lit("non_positive_density"))
                .when(col("failure").contains("no convergence in"), lit("iteration_limit"))
                .when(col("failure").contains("no step lowers"), lit("no_descent"))
                .otherwise(lit("other"));
        Dataset<Row> t = toys.withColumn("reason", reason)
                .withColumn("global_on_bound", exists(col("alpha_hat"), a -> abs(a).geq(bound - 1e-9)));
        System.out.println("run " + run + " (columns " + cols + ")");
        t.groupBy("mu_true").agg(count(lit(1)).as("toys"), sum(when(col("converged"), 0).otherwise(1)).as("failed"),
                        cols.contains("at_bound") ? sum(when(col("at_bound"), 1).otherwise(0)).as("at_bound")
                                : first(lit("n/a")).as("at_bound"),
                        sum(when(col("global_on_bound"), 1).otherwise(0)).as("global_alpha_on_bound"))
                .orderBy("mu_true").show(100, false);
        t.filter(not(col("converged"))).groupBy("reason").count().orderBy("reason").show(100, false);
        if (args.length > 1) {
            Dataset<Row> b = spark.read().parquet(args[1] + "/toys").select(col("mu_index"), col("toy"), col("t").as("t_before"));
            Dataset<Row> j = toys.join(b, new String[] {"mu_index", "toy"}).withColumn("dt", abs(col("t").minus(col("t_before"))));
            System.out.println("toys whose t differs from " + args[1] + " by more than 1e-9 * (1 + |t|):");
            j.groupBy("mu_true").agg(count(lit(1)).as("toys"),
                            sum(when(col("dt").gt(lit(1e-9).multiply(lit(1).plus(abs(col("t_before"))))), 1).otherwise(0)).as("t_changed"),
                            sum(when(col("dt").gt(1e-4), 1).otherwise(0)).as("changed_over_1e-4"),
                            sum(when(col("t").minus(col("t_before")).gt(1e-4), 1).otherwise(0)).as("of_which_higher"),
                            max("dt").as("max_abs_dt"))
                    .orderBy("mu_true").show(100, false);
        }
        spark.stop();
    }
}
