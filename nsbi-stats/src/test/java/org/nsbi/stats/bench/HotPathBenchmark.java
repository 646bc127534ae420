package org.nsbi.stats.bench;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.DoubleSupplier;
import org.nsbi.stats.likelihood.AsimovWeights;
import org.nsbi.stats.model.EventTable;
import org.nsbi.stats.model.MixtureModel;
import org.nsbi.stats.random.ToyRandom;
import org.nsbi.stats.toys.CommonsSparseSampler;
import org.nsbi.stats.toys.ExperimentBuffer;
import org.nsbi.stats.toys.ProfileLikelihoodFit;
import org.nsbi.stats.toys.PseudoExperiment;
import org.nsbi.stats.toys.PseudoExperimentFit;
import org.nsbi.stats.toys.PseudoExperimentSampler;
import org.nsbi.stats.toys.SparsePoissonSampler;
import org.nsbi.stats.toys.ToyBlockRunner;

/**
 * The toy loop's hot path on one thread: heap bytes allocated per toy (this thread's
 * {@code getCurrentThreadAllocatedBytes}, so exact, not sampled), split into the draw (stream + sparse sampler, into a
 * reused {@link ExperimentBuffer} as the toy loop draws, and into a new experiment), the fit
 * (conditional and global, {@link ProfileLikelihoodFit} with its per-thread workspace) and the whole toy as the jobs
 * run it ({@link ToyBlockRunner}: draw, fit, outcome record); and the CPU time of the sparse draw per toy, against the
 * same draws by the sampler it replaced (Commons RNG's alias and Poisson samplers per toy, {@link CommonsSparseSampler}). Medians of
 * {@value #REPEATS} repeats after a warm-up.
 * Usage: {@code HotPathBenchmark synthetic|FILE [reference events] [toys per repeat]} (FILE: a model and table
 * serialised by nsbi-model's {@code OffshellExactTable}). Run by bench/stats-benchmark.sh.
 */
public final class HotPathBenchmark {

    private static final int REPEATS = 5;
    private static final double MU_TRUE = 1.0;
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private HotPathBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        BenchInput input = BenchInput.of(args);
        MixtureModel model = input.model();
        EventTable reference = input.reference();
        int toys = args.length > 2 ? Integer.parseInt(args[2]) : 2000;
        double[] alpha = new double[model.nuisanceCount()];
        double[] wA = AsimovWeights.compute(model, reference, MU_TRUE, alpha).weights();
        SparsePoissonSampler sparse = SparsePoissonSampler.of(wA, alpha);
        PseudoExperimentFit fit = new ProfileLikelihoodFit(model, reference);
        System.out.printf(Locale.ROOT, "%s: reference %d events, N_pe ~ %.0f, toys at mu = %.1f, %d toys per repeat,"
                + " medians of %d repeats, one thread%n", input.what(), reference.size(), sparse.totalWeight(), MU_TRUE, toys, REPEATS);
        ToyBlockRunner.run(9, 0, MU_TRUE, 0, Math.max(500, toys / 2), sparse, fit); // warm-up
        long muKey = ToyRandom.muKey(MU_TRUE);
        List<PseudoExperiment> drawn = new ArrayList<>(toys);
        for (int i = 0; i < toys; i++) {
            drawn.add(sparse.draw(ToyRandom.of(1, "toy", muKey, i)));
        }
        PseudoExperimentSampler commons = CommonsSparseSampler.of(wA, alpha);
        for (int i = 0; i < toys; i++) {
            sink += commons.draw(ToyRandom.of(2, "toy", muKey, i)).eventIndex().length; // warm-up
        }
        ExperimentBuffer buffer = new ExperimentBuffer();
        double intoBytes = median(() -> perToy(toys, () -> drawsInto(sparse, muKey, toys, buffer), true));
        double drawBytes = median(() -> perToy(toys, () -> draws(sparse, muKey, toys), true));
        double commonsBytes = median(() -> perToy(toys, () -> draws(commons, muKey, toys), true));
        double fitBytes = median(() -> perToy(toys, () -> {
            for (PseudoExperiment pe : drawn) {
                sink += fit.fit(pe, MU_TRUE).t();
            }
        }, true));
        double toyBytes = median(() -> perToy(toys, () -> sink += ToyBlockRunner.run(1, 0, MU_TRUE, 0, toys, sparse, fit).size(), true));
        double drawNs = median(() -> perToy(toys, () -> draws(sparse, muKey, toys), false));
        double commonsNs = median(() -> perToy(toys, () -> draws(commons, muKey, toys), false));
        double toyNs = median(() -> perToy(toys, () -> sink += ToyBlockRunner.run(1, 0, MU_TRUE, 0, toys, sparse, fit).size(), false));
        System.out.printf(Locale.ROOT, "bytes allocated per toy: draw into a reused buffer (as ToyBlockRunner draws) %.0f"
                + " (a new PseudoExperiment per toy: %.0f; Commons' alias and Poisson samplers per toy: %.0f),"
                + " fit %.0f, whole toy (ToyBlockRunner: stream, draw, fit, outcome record) %.0f%n", intoBytes, drawBytes,
                commonsBytes, fitBytes, toyBytes);
        System.out.printf(Locale.ROOT, "CPU per sparse draw: %.1f us, with Commons' samplers %.1f us (%.2fx), the same draws%n",
                drawNs / 1e3, commonsNs / 1e3, commonsNs / drawNs);
        System.out.printf(Locale.ROOT, "CPU per toy: sparse draw %.1f us, whole toy %.1f us (%.0f toys/s per core);"
                + " the draw is %.1f %% of a toy%n", drawNs / 1e3, toyNs / 1e3, 1e9 / toyNs, 100 * drawNs / toyNs);
    }

    private static double sink;

    private static void draws(PseudoExperimentSampler sampler, long muKey, int toys) {
        for (int i = 0; i < toys; i++) {
            sink += sampler.draw(ToyRandom.of(1, "toy", muKey, i)).eventIndex().length;
        }
    }

    private static void drawsInto(PseudoExperimentSampler sampler, long muKey, int toys, ExperimentBuffer buffer) {
        for (int i = 0; i < toys; i++) {
            sampler.drawInto(ToyRandom.of(1, "toy", muKey, i), buffer);
            sink += buffer.size();
        }
    }

    /** Per toy: allocated bytes of this thread, or its CPU nanoseconds. */
    private static double perToy(int toys, Runnable run, boolean bytes) {
        long t = Thread.currentThread().getId();
        long before = bytes ? THREADS.getThreadAllocatedBytes(t) : THREADS.getCurrentThreadCpuTime();
        run.run();
        long after = bytes ? THREADS.getThreadAllocatedBytes(t) : THREADS.getCurrentThreadCpuTime();
        return (after - before) / (double) toys;
    }

    private static double median(DoubleSupplier measurement) {
        return BenchInput.median(REPEATS, measurement);
    }
}
