package org.nsbi.stats.toys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.function.IntConsumer;
import org.junit.jupiter.api.Test;
import org.nsbi.stats.likelihood.ColumnarNll;
import org.nsbi.stats.likelihood.StructuredHessian;
import org.nsbi.stats.likelihood.TestModels;
import org.nsbi.stats.model.EventTable;
import org.nsbi.stats.model.MixtureModel;

/**
 * The toy loop's hot path allocates nothing per evaluation and per toy, once the JIT has compiled it: heap bytes of this
 * thread ({@code getThreadAllocatedBytes}, exact) over rounds of work, after warm-up rounds. A round is repeated until
 * one stays within the allowance (the JIT compiles in the background, and code not yet compiled allocates the Vector
 * API's boxes), for up to {@value #SECONDS} seconds (bounded by time, not rounds: under load the JIT's queue is slow;
 * at 30 s one evaluation round still allocated 16,080 bytes once, at a load average of 8 on two cores);
 * a path that allocates per call never gets there. Each measurement runs in a JVM of its own ({@link #main}): what the
 * JIT makes of the kernel depends on what ran before it in the same JVM (other tests' models and NLLs), and a toy
 * loop's executor runs only toys.
 */
public class HotPathAllocationTest {

    private static final int SECONDS = 60;
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    /**
     * The least bytes per call over rounds of {@code calls} calls (stopping at the first round within {@code allowance}).
     */
    private static double bytesPerCall(int calls, double allowance, IntConsumer call) {
        if (!THREADS.isThreadAllocatedMemorySupported() || !THREADS.isThreadAllocatedMemoryEnabled()) {
            return Double.NaN;
        }
        long thread = Thread.currentThread().getId();
        double least = Double.POSITIVE_INFINITY;
        long end = System.nanoTime() + SECONDS * 1_000_000_000L;
        while (least > allowance && System.nanoTime() < end) {
            long before = THREADS.getThreadAllocatedBytes(thread);
            for (int i = 0; i < calls; i++) {
                call.accept(i);
            }
            least = Math.min(least, (THREADS.getThreadAllocatedBytes(thread) - before) / (double) calls);
        }
        return least;
    }

    private static double sink;

    /** Prints the bytes per call of the measurement named by {@code args[0]} (NaN: the JVM cannot count them). */
    public static void main(String[] args) {
        double bytes = switch (args[0]) {
            case "evaluations" -> evaluations();
            case "fit" -> toyFit();
            case "draw" -> sparseDraw();
            case "load" -> toyLoads();
            default -> throw new IllegalArgumentException("measurement " + args[0]
                    + "; expected evaluations, fit, draw or load");
        };
        System.out.println(bytes);
    }

    /** The measurement {@code name} in a new JVM (this class's {@link #main}, the test's class path). */
    private static double inOwnJvm(String name) throws Exception {
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx1g",
                "--add-modules=jdk.incubator.vector", "-cp", System.getProperty("java.class.path"),
                HotPathAllocationTest.class.getName(), name).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), out);
        String[] lines = out.strip().split("\\R");
        double bytes = Double.parseDouble(lines[lines.length - 1]);
        assumeTrue(!Double.isNaN(bytes), "this JVM does not count a thread's allocated bytes");
        return bytes;
    }

    @Test
    void evaluationsAllocateNothing() throws Exception {
        double bytes = inOwnJvm("evaluations");
        assertTrue(bytes == 0, "bytes allocated per evaluation with the Hessian, one with the gradient and a quarter of a"
                + " scan of 8 points: " + bytes);
    }

    private static double evaluations() {
        // 540 events: two full blocks of ColumnarNll and a tail, with the structured Hessian (a yield-only parameter)
        MixtureModel model = TestModels.offshellLike();
        EventTable events = TestModels.randomEvents(model, 540, 3);
        double[] weights = new double[events.size()];
        Arrays.fill(weights, 1);
        ColumnarNll nll = new ColumnarNll(model);
        nll.load(events, null, weights, new double[model.nuisanceCount()]);
        double[] theta = new double[nll.dimension()];
        double[] grad = new double[nll.dimension()];
        StructuredHessian hess = nll.newHessian();
        double[] alpha = new double[model.nuisanceCount()];
        double[] mus = {0, 0.5, 1, 2, 4, 6, 8, 10};
        double[] values = new double[mus.length];
        return bytesPerCall(2000, 0, i -> {
            theta[0] = 1 + 1e-3 * (i % 7); // not the last point: the NLL would return the one it remembers
            theta[1] = 0.01 * (i % 5);
            // now and then beyond |alpha| = 1: the code-4 exponential branches of the yield and the shape factors
            theta[2] = i % 3 == 0 ? -1.4 : 0.3;
            theta[3] = i % 2 == 0 ? 1.3 : -0.2;
            sink += nll.evaluateStructured(theta, grad, hess);
            sink += nll.evaluate(theta, grad, null); // both paths hot, as in a fit: the JIT's inlining then differs
            if (i % 4 == 0) {
                alpha[0] = theta[1];
                alpha[2] = theta[3];
                nll.valuesAtFixedAlpha(alpha, mus, values);
                sink += values[i % mus.length];
            }
        });
    }

    @Test
    void loadingAToysEventsAllocatesNothing() throws Exception {
        double bytes = inOwnJvm("load");
        assertTrue(bytes == 0, "bytes allocated per load of a toy's 541 events: " + bytes);
    }

    private static double toyLoads() {
        // the synthetic layout at 10 + 90: shape effects whose code-4 coefficients are made at each load, 541 events
        // (not a multiple of any vector length: each effect's last events take the scalar path)
        MixtureModel model = TestModels.syntheticLike(10, 90);
        EventTable reference = TestModels.randomEvents(model, 5_000, 11);
        int[][] toys = new int[16][541];
        java.util.SplittableRandom rng = new java.util.SplittableRandom(11);
        for (int[] toy : toys) {
            for (int j = 0; j < toy.length; j++) {
                toy[j] = rng.nextInt(reference.size());
            }
        }
        double[] weights = new double[541];
        Arrays.fill(weights, 1);
        double[] aux = new double[model.nuisanceCount()];
        ColumnarNll nll = new ColumnarNll(model);
        return bytesPerCall(200, 0, i -> sink += nll.load(reference, toys[i % toys.length], weights, aux).dimension());
    }

    @Test
    void aToysFitAllocatesOnlyItsResults() throws Exception {
        // what a fit must return: the conditional and the global FitResult (with alpha and the bound flags), t's
        // Result and the ToyFit, a few hundred bytes; the fitters' working memory was 13 KB per toy before it was
        // kept per thread (FitWorkspace)
        double bytes = inOwnJvm("fit");
        assertTrue(bytes <= 1200, "bytes allocated per toy's fit: " + bytes);
    }

    private static double toyFit() {
        MixtureModel model = TestModels.offshellLike();
        EventTable reference = TestModels.randomEvents(model, 20_000, 5);
        double[] alpha = new double[model.nuisanceCount()];
        SparsePoissonSampler sampler = SparsePoissonSampler.of(
                org.nsbi.stats.likelihood.AsimovWeights.compute(model, reference, 1.0, alpha).weights(), alpha);
        PseudoExperiment[] toys = new PseudoExperiment[100];
        for (int i = 0; i < toys.length; i++) {
            toys[i] = sampler.draw(org.nsbi.stats.random.ToyRandom.of(7, "toy", i));
        }
        PseudoExperimentFit fit = new ProfileLikelihoodFit(model, reference);
        return bytesPerCall(toys.length, 1200, i -> sink += fit.fit(toys[i], 1.0).t());
    }

    @Test
    void aSparseDrawIntoABufferAllocatesNothing() throws Exception {
        double bytes = inOwnJvm("draw");
        assertTrue(bytes == 0, "bytes allocated per draw into a buffer: " + bytes);
    }

    private static double sparseDraw() {
        double[] w = new double[200_000];
        for (int i = 0; i < w.length; i++) {
            w[i] = 540.0 / w.length * (0.5 + (i % 7) / 6.0);
        }
        SparsePoissonSampler sampler = SparsePoissonSampler.of(w, new double[3]);
        org.apache.commons.rng.UniformRandomProvider[] streams = new org.apache.commons.rng.UniformRandomProvider[200];
        for (int i = 0; i < streams.length; i++) {
            streams[i] = org.nsbi.stats.random.ToyRandom.of(3, "toy", i);
        }
        ExperimentBuffer buffer = new ExperimentBuffer();
        // the toy's stream is made by the caller; Commons' Poisson and Gaussian samplers are not rebuilt per toy on it
        // (ReboundStream), nor are the experiment's arrays (4 KB a toy) new
        return bytesPerCall(streams.length, 0, i -> {
            sampler.drawInto(streams[i], buffer);
            sink += buffer.size();
        });
    }
}
