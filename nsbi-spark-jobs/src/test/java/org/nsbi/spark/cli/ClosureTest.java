package org.nsbi.spark.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nsbi.model.config.AnalysisConfig;
import org.nsbi.model.config.NeymanSettings;
import org.nsbi.model.output.ProcessClosure;
import org.nsbi.model.output.ScoreSummary;
import org.nsbi.spark.SharedSpark;
import org.nsbi.spark.io.OutputFolder;
import org.nsbi.stats.fit.FitResult;
import org.nsbi.stats.fit.ProfileFitter;
import org.nsbi.stats.model.EventTable;
import org.nsbi.stats.model.MixtureModel;

/**
 * Per-process closure on the reference sample and {@code normalise_ratios}: the off-shell toy with exact ratios on a
 * small reference sample (3 x 3000 events), whose closures differ from 1 by Monte Carlo fluctuation. scored.json's
 * closure, error and pull are checked against a direct computation on the loaded table; the Asimov fit at mu = 1
 * misses mu = 1 with the ratios as scored and hits it to 1e-6 with them normalised.
 */
class ClosureTest {

    @TempDir
    static Path dir;
    static AnalysisConfig config;
    static AnalysisConfig normalised;
    static MixtureModel model;
    static String scored;
    static ScoreSummary summary;

    @BeforeAll
    static void scoreOnce() {
        SparkSession spark = SharedSpark.session();
        config = SmallExactToy.config(3000, 5,
                new NeymanSettings(List.of(0.0, 1.0, 2.0), 10, List.of(0.6827), 1, NeymanSettings.NuisanceTruth.NOMINAL));
        normalised = new AnalysisConfig(config.file(), config.features(), config.reference(), config.processes(),
                config.systematics(), config.poi(), config.neyman(), config.observed(), config.badRatios(),
                config.observedAux(), true);
        model = Pipeline.model(config);
        OutputFolder out = OutputFolder.create(dir.resolve("scored").toString(), OutputFolder.ExistingPolicy.REFUSE,
                spark.sparkContext().hadoopConfiguration());
        summary = Pipeline.score(spark, config, out, 1000, Pipeline.provenance(spark, config));
        out.commit();
        scored = dir.resolve("scored").toString();
    }

    @Test
    void eachProcessClosureComesWithItsMonteCarloErrorAndPull() {
        EventTable reference = Pipeline.reference(SharedSpark.session(), config, model, scored);
        List<ProcessClosure> rows = summary.processClosure();
        assertEquals(model.processCount(), rows.size());
        double sw = 0;
        for (int i = 0; i < reference.size(); i++) {
            sw += reference.weight(i);
        }
        for (int c = 0; c < model.processCount(); c++) {
            ProcessClosure row = rows.get(c);
            assertEquals(model.process(c).name(), row.process());
            double closure = 0;
            for (int i = 0; i < reference.size(); i++) {
                closure += reference.weight(i) / sw * reference.ratio(c, i);
            }
            double var = 0;
            for (int i = 0; i < reference.size(); i++) {
                double wHat = reference.weight(i) / sw;
                var += wHat * wHat * Math.pow(reference.ratio(c, i) - closure, 2);
            }
            assertEquals(closure, row.closure(), 1e-9 * closure, "closure of " + row);
            assertEquals(Math.sqrt(var), row.mcError(), 1e-6 * Math.sqrt(var), "error of " + row);
            assertEquals((closure - 1) / Math.sqrt(var), row.pull(), 1e-5, "pull of " + row);
            assertTrue(Math.abs(row.pull()) < 5, "exact ratios close within MC error: " + row);
        }
    }

    @Test
    void withNormaliseRatiosTheAsimovFitAtMuOneReturnsOne() {
        // the processes alone: a shape systematic's per-event factor does not average to 1 (primer, "A subtlety"),
        // which normalise_ratios does not change
        SparkSession spark = SharedSpark.session();
        AnalysisConfig plain = withoutSystematics(config);
        AnalysisConfig fixedConfig = withoutSystematics(normalised);
        MixtureModel processes = Pipeline.model(plain);
        FitResult asScored = ProfileFitter.withDefaults().global(
                Pipeline.asimovNll(processes, Pipeline.reference(spark, plain, processes, scored), 1.0));
        FitResult fixed = ProfileFitter.withDefaults().global(
                Pipeline.asimovNll(processes, Pipeline.reference(spark, fixedConfig, processes, scored), 1.0));
        assertTrue(asScored.converged() && fixed.converged(), asScored + " " + fixed);
        assertTrue(Math.abs(asScored.mu() - 1) > 1e-4, "as scored, the closures' Monte Carlo error moves mu-hat: " + asScored);
        assertEquals(1.0, fixed.mu(), 1e-6, "normalised: " + fixed);
        EventTable reference = Pipeline.reference(spark, fixedConfig, processes, scored);
        for (int c = 0; c < model.processCount(); c++) {
            double sw = 0;
            double swr = 0;
            for (int i = 0; i < reference.size(); i++) {
                sw += reference.weight(i);
                swr += (double) reference.weight(i) * reference.ratio(c, i);
            }
            assertEquals(1.0, swr / sw, 1e-6, "process " + model.process(c).name() + " closes on the reference sample");
        }
    }

    private static AnalysisConfig withoutSystematics(AnalysisConfig c) {
        return new AnalysisConfig(c.file(), c.features(), c.reference(), c.processes(), List.of(), c.poi(), c.neyman(),
                c.observed(), c.badRatios(), Map.of(), c.normaliseRatios());
    }
}
