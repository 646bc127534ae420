package org.nsbi.spark.jobs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.nsbi.model.output.Json;
import org.nsbi.model.output.SimulateSummary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nsbi.model.offshell.OffshellEvents;
import org.nsbi.model.offshell.OffshellSample;
import org.nsbi.model.offshell.OffshellSimulator;
import org.nsbi.spark.SharedSpark;
import org.nsbi.spark.io.OutputFolder;

class SimulateJobTest {

    @TempDir
    Path dir;

    @Test
    void sparkGeneratesExactlyTheSimulatorsEventsAndTheYields() {
        SparkSession spark = SharedSpark.session();
        OutputFolder out = OutputFolder.create(dir.resolve("sim").toString(), OutputFolder.ExistingPolicy.REFUSE,
                spark.sparkContext().hadoopConfiguration());
        SimulateJob.Settings settings = new SimulateJob.Settings(List.of("SBI", "NI"), 5000, 1024, 7L, 1.0, new double[3]);
        SimulateSummary summary = SimulateJob.run(spark, settings, out);
        out.commit();

        for (String name : List.of("SBI", "NI")) {
            List<Row> rows = spark.read().parquet(dir.resolve("sim/samples/" + name).toString())
                    .orderBy("m", "c", "y").collectAsList();
            OffshellEvents expected = OffshellSimulator.generate(OffshellSample.byName(name), 7L, 5000, 1024);
            assertEquals(5000, rows.size(), name + ": every event written once");
            double sum = rows.stream().mapToDouble(r -> r.getFloat(3)).sum();
            assertEquals(OffshellSample.byName(name).yield(), sum, 1e-3, name + ": weights sum to the yield");
            float[] m = new float[rows.size()];
            for (int i = 0; i < m.length; i++) {
                m[i] = rows.get(i).getFloat(0);
            }
            float[] mExpected = expected.m().clone();
            java.util.Arrays.sort(mExpected);
            java.util.Arrays.sort(m);
            assertArrayEquals(mExpected, m, 0f, name + ": the same events as the simulator's own blocks");
        }
        assertTrue(summary.observed().nObs() > 400, "about 542 observed events at mu = 1");
        assertTrue(Files.isDirectory(dir.resolve("sim/observed")));
        assertEquals(List.of("SBI", "NI"), List.copyOf(summary.samples().keySet()));
        assertEquals(5000L, summary.samples().get("NI").events());
        SimulateSummary back = Json.read(Json.write(summary), SimulateSummary.class, "simulate.json");
        assertEquals(summary.observed().nObs(), back.observed().nObs(), "simulate.json reads back into its record");
    }
}
