package org.nsbi.spark.neyman;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.Test;
import org.nsbi.model.synthetic.SyntheticAnalysis;
import org.nsbi.model.synthetic.SyntheticSpec;
import org.nsbi.spark.SharedSpark;
import org.nsbi.spark.distributed.DistributedEvents;
import org.nsbi.spark.jobs.SyntheticJob;
import org.nsbi.model.progress.ProgressLine;
import org.nsbi.stats.likelihood.AsimovWeights;
import org.nsbi.stats.model.EventTable;
import org.nsbi.stats.model.EventTables;
import org.nsbi.stats.model.MixtureModel;
import org.nsbi.stats.random.ToyRandom;
import org.nsbi.stats.toys.PartitionedToys;
import org.nsbi.stats.toys.ProfileLikelihoodFit;
import org.nsbi.stats.toys.PseudoExperiment;
import org.nsbi.stats.toys.SparsePoissonSampler;
import org.nsbi.stats.toys.ToyFit;
import org.nsbi.stats.toys.ToyOutcome;

/** Toys drawn block by block on the executors and assembled by a shuffle. */
class DistributedToysTest {

    private static final SyntheticAnalysis ANALYSIS = SyntheticAnalysis.of(new SyntheticSpec(3, 1, 2, 1200, 100, 41));
    private static final double[] GRID = {0.5, 2.0};
    private static final int TOYS = 4;
    private static final long SEED = 9;

    private static List<ToyOutcome> run(int slices, int partitions) {
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(SharedSpark.session().sparkContext());
        MixtureModel model = ANALYSIS.model();
        try (DistributedEvents reference = DistributedEvents.of(SyntheticJob.reference(jsc, ANALYSIS, slices), model)) {
            return DistributedToys.run(reference, GRID, new double[GRID.length][model.nuisanceCount()], TOYS, SEED, partitions);
        }
    }

    /**
     * The progress line counts the toys as the tasks after the shuffle fit them: one line per such task, the last at
     * every toy; the tasks that draw the pieces (a stage of 5 blocks' partitions here) do not count.
     */
    @Test
    void theProgressLineCountsTheFittedToysOnce() {
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(SharedSpark.session().sparkContext());
        MixtureModel model = ANALYSIS.model();
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        int toys = 30; // blocks of 25 toys: 2 per grid point, in 3 shuffle partitions
        ProgressLine line = new ProgressLine("neyman", "toys", GRID.length * toys,
                new java.io.PrintStream(bytes, true, java.nio.charset.StandardCharsets.UTF_8), 0);
        try (DistributedEvents reference = DistributedEvents.of(SyntheticJob.reference(jsc, ANALYSIS, 5), model)) {
            List<ToyOutcome> outcomes = DistributedToys.run(reference, GRID, new double[GRID.length][model.nuisanceCount()],
                    toys, SEED, 3, line);
            assertEquals(GRID.length * toys, outcomes.size(), "every toy fitted");
        }
        List<String> lines = bytes.toString(java.nio.charset.StandardCharsets.UTF_8).lines().toList();
        assertEquals(GRID.length * toys, line.done(), "each fitted toy counted once: " + lines);
        assertEquals(3, lines.size(), "one line per task of the fits' stage: " + lines);
        assertTrue(lines.get(2).startsWith("[neyman] toys 60/60 (100%)"), lines.get(2));
    }

    @Test
    void theToysAreBitIdenticalForAnyPartitioningAndEqualTheToysOfTheWholeTable() {
        List<ToyOutcome> one = run(1, 1);
        List<ToyOutcome> many = run(5, 3);
        assertEquals(GRID.length * TOYS, one.size(), "one outcome per toy");
        assertEquals(one, many, "the toys on 1 slice and 1 shuffle partition equal those on 5 and 3, bit for bit");

        // the same toys built in one JVM on the whole reference table (blocks one after another)
        MixtureModel model = ANALYSIS.model();
        int blocks = ANALYSIS.spec().blocks();
        List<EventTable> tables = new ArrayList<>();
        double total = 0;
        for (int b = 0; b < blocks; b++) {
            tables.add(ANALYSIS.referenceBlock(b).table());
            total += tables.get(b).sumOfWeights();
        }
        EventTable whole = EventTables.concat(model, tables);
        double[] zero = new double[model.nuisanceCount()];
        ProfileLikelihoodFit fit = new ProfileLikelihoodFit(model, whole);
        for (ToyOutcome o : one) {
            int m = o.muIndex();
            int[] index = new int[0];
            int[] count = new int[0];
            int offset = 0;
            for (int b = 0; b < blocks; b++) {
                double[] w = AsimovWeights.compute(model, tables.get(b), total, GRID[m], zero).weights();
                PseudoExperiment pe = SparsePoissonSampler.of(w, new double[0])
                        .draw(ToyRandom.of(SEED, "toy-part", ToyRandom.muKey(GRID[m]), o.toyIndex(), b));
                int n = index.length;
                index = Arrays.copyOf(index, n + pe.eventIndex().length);
                count = Arrays.copyOf(count, n + pe.count().length);
                for (int j = 0; j < pe.eventIndex().length; j++) {
                    index[n + j] = offset + pe.eventIndex()[j];
                    count[n + j] = pe.count()[j];
                }
                offset += tables.get(b).size();
            }
            PseudoExperiment toy = new PseudoExperiment(index, count, PartitionedToys.aux(SEED, "toy", GRID[m], o.toyIndex(), zero));
            ToyFit f = fit.fit(toy, GRID[m]);
            assertTrue(f.converged() && o.converged(), "toy " + o.toyIndex() + " at mu " + GRID[m] + " converges");
            assertEquals(toy.totalCount(), o.nPe(), "N_pe of toy " + o.toyIndex() + " at mu " + GRID[m]);
            assertEquals(f.t(), o.t(), 1e-9, "t of toy " + o.toyIndex() + " at mu " + GRID[m]);
            assertEquals(f.muHat(), o.muHat(), 1e-7, "mu-hat of toy " + o.toyIndex() + " at mu " + GRID[m]);
        }
    }
}
