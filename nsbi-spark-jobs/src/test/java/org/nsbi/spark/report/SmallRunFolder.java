package org.nsbi.spark.report;

import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.spark.sql.SparkSession;
import org.nsbi.model.output.Json;
import org.nsbi.model.report.SmallRun;
import org.nsbi.spark.neyman.ToysTable;
import org.nsbi.stats.belt.Belt;

/** {@link SmallRun} written as a run folder, for the report command's tests. */
final class SmallRunFolder {

    private SmallRunFolder() {
    }

    /** Writes the run folder as demo does: summary.json, belts.csv, scan.csv, toys/ (Parquet). */
    static void write(SparkSession spark, Path dir) throws Exception {
        Belt belt = SmallRun.belt();
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("summary.json"), Json.write(SmallRun.summary(belt)));
        Files.writeString(dir.resolve("belts.csv"), belt.toCsv());
        Files.writeString(dir.resolve("scan.csv"), SmallRun.scanResult(belt).scanCsv(belt));
        ToysTable.frame(spark, SmallRun.toys()).coalesce(1).write().parquet(dir.resolve("toys").toString());
    }
}
