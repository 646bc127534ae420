package org.nsbi.stats.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Locale;
import java.util.StringJoiner;
import org.nsbi.stats.likelihood.AsimovWeights;
import org.nsbi.stats.model.EventTable;
import org.nsbi.stats.model.MixtureModel;
import org.nsbi.stats.toys.ProfileLikelihoodFit;
import org.nsbi.stats.toys.SparsePoissonSampler;
import org.nsbi.stats.toys.ToyBlockRunner;

/**
 * The first toys of a fresh JVM (for bench/cold-toys.sh): the engine's toy loop (sparse sampler, ProfileLikelihoodFit) at
 * &mu; = 1 from the JVM's start, in chunks; prints the toy thread's CPU milliseconds in all and per chunk, and the
 * process's CPU (the JIT's compiler threads and the GC included). A warm JVM makes the same toys at the rate of the
 * last chunks; the difference is what a command's first toys cost while the JIT compiles the kernel and the fitter.
 *
 * <p>Arguments: {@code synthetic EVENTS | OFFSHELL_TABLE} (as {@link BenchInput}), toys, toys per chunk.
 */
public final class ColdToys {

    private ColdToys() {
    }

    public static void main(String[] args) throws Exception {
        BenchInput input = BenchInput.of(args);
        int toys = Integer.parseInt(args[2]);
        int chunk = Integer.parseInt(args[3]);
        MixtureModel model = input.model();
        EventTable reference = input.reference();
        double[] alpha = new double[model.nuisanceCount()];
        SparsePoissonSampler sampler = SparsePoissonSampler.of(AsimovWeights.compute(model, reference, 1.0, alpha).weights(), alpha);
        ProfileLikelihoodFit fit = new ProfileLikelihoodFit(model, reference);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long start = threads.getCurrentThreadCpuTime();
        StringJoiner chunks = new StringJoiner(" ");
        for (int from = 0; from < toys; from += chunk) {
            long t0 = threads.getCurrentThreadCpuTime();
            ToyBlockRunner.run(3, 0, 1.0, from, Math.min(toys, from + chunk), sampler, fit);
            chunks.add(String.format(Locale.ROOT, "%.0f", (threads.getCurrentThreadCpuTime() - t0) / 1e6));
        }
        long thread = threads.getCurrentThreadCpuTime() - start;
        long process = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
        System.out.printf(Locale.ROOT, "toy thread %.0f ms, process %.0f ms; per %d toys: %s%n", thread / 1e6, process / 1e6,
                chunk, chunks);
    }
}
