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
import org.nsbi.spark.distributed.DistributedEvents;
import org.nsbi.spark.distributed.DistributedNll;
import org.nsbi.model.analysis.AnalysisModel;
import org.nsbi.spark.actions.NsbiActions;
import org.nsbi.spark.score.ScoredFolder;
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
        normalised = config.withNormaliseRatios(true);
        model = AnalysisModel.mixture(config);
        summary = NsbiActions.get(spark).score().config(config).blockSize(1000).out(dir.resolve("scored").toString())
                .execute();
        scored = dir.resolve("scored").toString();
    }

    @Test
    void eachProcessClosureComesWithItsMonteCarloErrorAndPull() {
        EventTable reference = ScoredFolder.of(SharedSpark.session(), scored, config, model).reference();
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

    /** The global fit of the Asimov data set at mu = 1 as interval builds it: on the executors, ratios as the config says. */
    private FitResult asimovFit(SparkSession spark, AnalysisConfig c, MixtureModel m) {
        ScoredFolder folder = ScoredFolder.of(spark, scored, c, m);
        try (DistributedEvents reference = DistributedEvents.scored(spark, folder.table(false), folder.features(),
                m, folder.ratioScale());
             DistributedNll nll = reference.asimov(1.0, new double[m.nuisanceCount()]).nll()) {
            return ProfileFitter.withDefaults().global(nll.nll());
        }
    }

    @Test
    void withNormaliseRatiosTheAsimovFitAtMuOneReturnsOne() {
        // the processes alone: a shape systematic's per-event factor does not average to 1 (primer, "A subtlety"),
        // which normalise_ratios does not change
        SparkSession spark = SharedSpark.session();
        AnalysisConfig plain = withoutSystematics(config);
        AnalysisConfig fixedConfig = withoutSystematics(normalised);
        MixtureModel processes = AnalysisModel.mixture(plain);
        FitResult asScored = asimovFit(spark, plain, processes);
        FitResult fixed = asimovFit(spark, fixedConfig, processes);
        assertTrue(asScored.converged() && fixed.converged(), asScored + " " + fixed);
        assertTrue(Math.abs(asScored.mu() - 1) > 1e-4, "as scored, the closures' Monte Carlo error moves mu-hat: " + asScored);
        assertEquals(1.0, fixed.mu(), 1e-6, "normalised: " + fixed);
        EventTable reference = ScoredFolder.of(spark, scored, fixedConfig, processes).reference();
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
        return c.withSystematics(List.of()).withObservedAux(Map.of());
    }
}
