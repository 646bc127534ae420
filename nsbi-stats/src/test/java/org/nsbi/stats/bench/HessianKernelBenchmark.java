package org.nsbi.stats.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.Locale;
import org.nsbi.stats.likelihood.ColumnarNll;
import org.nsbi.stats.likelihood.Nll;
import org.nsbi.stats.likelihood.PerEventHessianNll;
import org.nsbi.stats.likelihood.StructuredHessian;
import org.nsbi.stats.likelihood.TestModels;
import org.nsbi.stats.model.EventTable;
import org.nsbi.stats.model.MixtureModel;

/**
 * One NLL evaluation with gradient and (structured) Hessian, as the Newton fits make them: CPU ns per event of
 * {@link ColumnarNll} (the Hessian summed in register tiles) against {@code PerEventHessianNll} (the kernel before it,
 * which makes &nabla;&sup2;&lambda; per event), on the same events, in one run, timings interleaved; per K = S+Y the medians of
 * {@value #REPEATS} repeats and their ratio, and each kernel's cost relative to the first K. The model is the synthetic
 * analysis's layout ({@link TestModels#syntheticLike}: C = 4, S shape and Y yield-only parameters), or with
 * {@code offshell} the off-shell-like model ({@link TestModels#offshellLike}).
 * Usage: {@code HessianKernelBenchmark EVENTS S+Y|offshell...}, e.g. {@code 1000 1+2 10+90 1+99 offshell}. Run by
 * bench/stats-benchmark.sh.
 */
public final class HessianKernelBenchmark {

    private static final int REPEATS = 9;
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private HessianKernelBenchmark() {
    }

    public static void main(String[] args) {
        int n = Integer.parseInt(args[0]);
        System.out.printf(Locale.ROOT, "Evaluation with gradient and Hessian, %d events, one thread; CPU ns per event,"
                + " medians of %d repeats%n", n, REPEATS);
        System.out.println("K_shape+K_yield,tiled_ns_per_event,per_event_hessian_ns_per_event,speed-up,"
                + "tiled_relative_to_first,per_event_hessian_relative_to_first");
        double firstTiled = Double.NaN;
        double firstBefore = Double.NaN;
        for (int i = 1; i < args.length; i++) {
            String[] parts = args[i].split("\\+");
            MixtureModel model = args[i].equals("offshell") ? TestModels.offshellLike()
                    : TestModels.syntheticLike(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]));
            EventTable events = TestModels.randomEvents(model, n, 3);
            double[] aux = new double[model.nuisanceCount()];
            ColumnarNll tiled = new ColumnarNll(model).load(events, null, null, aux);
            PerEventHessianNll before = new PerEventHessianNll(model).load(events, null, null, aux);
            double[] times = new double[2 * REPEATS];
            // warm-up: at least 2 s of CPU per kernel, so that the JIT has compiled both also on a loaded machine
            int evaluations = Math.max(20, 20_000_000 / (n * model.nuisanceCount()));
            long warm = THREADS.getCurrentThreadCpuTime();
            while (THREADS.getCurrentThreadCpuTime() - warm < 4_000_000_000L) {
                time(tiled, n, evaluations);
                time(before, n, evaluations);
            }
            for (int r = 0; r < REPEATS; r++) {
                times[r] = time(tiled, n, evaluations);
                times[REPEATS + r] = time(before, n, evaluations);
            }
            double t = median(Arrays.copyOfRange(times, 0, REPEATS));
            double b = median(Arrays.copyOfRange(times, REPEATS, 2 * REPEATS));
            if (i == 1) {
                firstTiled = t;
                firstBefore = b;
            }
            System.out.printf(Locale.ROOT, "%s,%.2f,%.2f,%.2f,%.2f,%.2f%n", args[i], t, b, b / t, t / firstTiled,
                    b / firstBefore);
        }
    }

    /** CPU ns per event of one evaluation, over {@code evaluations} of them at points a little apart. */
    private static double time(Nll nll, int n, int evaluations) {
        int d = nll.dimension();
        double[] theta = new double[d];
        double[] g = new double[d];
        StructuredHessian h = nll.newHessian();
        long c0 = THREADS.getCurrentThreadCpuTime();
        for (int e = 0; e < evaluations; e++) {
            theta[0] = 1 + 1e-6 * e; // another point each time: the NLL remembers its last evaluation
            for (int k = 1; k < d; k++) {
                theta[k] = 0.1 - 0.02 * (k % 7);
            }
            nll.evaluateStructured(theta, g, h);
        }
        return (THREADS.getCurrentThreadCpuTime() - c0) / (double) evaluations / n;
    }

    private static double median(double[] x) {
        double[] s = x.clone();
        Arrays.sort(s);
        int m = s.length;
        return m % 2 == 1 ? s[m / 2] : 0.5 * (s[m / 2 - 1] + s[m / 2]);
    }
}
