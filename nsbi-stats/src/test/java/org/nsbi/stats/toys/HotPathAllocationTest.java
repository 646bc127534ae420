package org.nsbi.stats.toys;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.management.ManagementFactory;
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
 * API's boxes), up to {@value #ROUNDS} rounds; a path that allocates per call never gets there.
 */
class HotPathAllocationTest {

    private static final int ROUNDS = 40;
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    /**
     * The least bytes per call over rounds of {@code calls} calls (stopping at the first round within {@code allowance}).
     */
    private static double bytesPerCall(int calls, double allowance, IntConsumer call) {
        assumeTrue(THREADS.isThreadAllocatedMemorySupported() && THREADS.isThreadAllocatedMemoryEnabled());
        long thread = Thread.currentThread().getId();
        double least = Double.POSITIVE_INFINITY;
        for (int round = 0; round < ROUNDS && least > allowance; round++) {
            long before = THREADS.getThreadAllocatedBytes(thread);
            for (int i = 0; i < calls; i++) {
                call.accept(i);
            }
            least = Math.min(least, (THREADS.getThreadAllocatedBytes(thread) - before) / (double) calls);
        }
        return least;
    }

    private static double sink;

    @Test
    void evaluationsAllocateNothing() {
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
        double bytes = bytesPerCall(2000, 0, i -> {
            theta[0] = 1 + 1e-3 * (i % 7); // not the last point: the NLL would return the one it remembers
            theta[1] = 0.01 * (i % 5);
            sink += nll.evaluateStructured(theta, grad, hess);
            sink += nll.evaluate(theta, grad, null); // both paths hot, as in a fit: the JIT's inlining then differs
        });
        assertTrue(bytes == 0, "bytes allocated per evaluation with the Hessian and one with the gradient: " + bytes);
    }
}
