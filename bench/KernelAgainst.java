import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.nsbi.model.synthetic.SyntheticAnalysis;
import org.nsbi.model.synthetic.SyntheticSpec;
import org.nsbi.stats.likelihood.ColumnarNll;
import org.nsbi.stats.likelihood.StructuredHessian;
import org.nsbi.stats.model.EventTable;

/**
 * One evaluation of the fast kernel (ColumnarNll) on the synthetic analysis (C = 4), for bench/kernel-against.sh: per
 * S+Y split, a hash of the raw bits of the value, gradient and dense Hessian at 20 points theta (alpha = 0, |alpha| &lt; 1
 * and some beyond 1) of a 700-event toy, so that two checkouts can be compared bit for bit; and the ns per evaluation
 * with the Hessian at 8 events (the per-evaluation fixed cost) and at 540 (a toy near the kscan's size), both at
 * alpha = 0.05 e_k, and at 540 events at 16 points with alpha ~ N(0, 0.7^2) (as in a fit), the median of 5 repeats of
 * the thread's CPU time. Runs against the classes of any checkout with these classes.
 * Usage: java -cp CLASSES KernelAgainst S+Y...
 */
public class KernelAgainst {
    public static void main(String[] args) {
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean(); // CPU time: the other sessions' load moves wall time more
        for (String spec : args) {
            int plus = spec.indexOf('+');
            int s = Integer.parseInt(spec.substring(0, plus));
            int y = Integer.parseInt(spec.substring(plus + 1));
            int k = s + y;
            SyntheticAnalysis analysis = SyntheticAnalysis.of(new SyntheticSpec(4, s, y, 20_000, 20_000, 7));
            EventTable table = analysis.referenceBlock(0).table();
            SplittableRandom rng = new SplittableRandom(5);
            int[] idx = new int[700];
            double[] w = new double[700];
            for (int j = 0; j < idx.length; j++) {
                idx[j] = rng.nextInt(20_000);
                w[j] = 1 + rng.nextInt(3);
            }
            double[] aux = new double[k];
            for (int i = 0; i < k; i++) {
                aux[i] = 0.3 * rng.nextGaussian();
            }
            ColumnarNll nll = new ColumnarNll(analysis.model()).load(table, idx, w, aux);
            StructuredHessian h = nll.newHessian();
            long hash = 0;
            for (int trial = 0; trial < 20; trial++) {
                double[] theta = new double[1 + k];
                theta[0] = 0.5 + rng.nextDouble();
                for (int i = 1; i <= k; i++) {
                    theta[i] = trial == 0 ? 0 : (trial < 10 ? 0.4 : 1.5) * rng.nextGaussian();
                }
                double[] g = new double[1 + k];
                double[] dense = new double[(1 + k) * (1 + k)];
                double value = nll.evaluateStructured(theta, g, h);
                h.toDense(dense);
                double[] g2 = new double[1 + k];
                double value2 = nll.evaluate(theta, g2, null);
                hash = hash * 1_000_003 + Double.doubleToRawLongBits(value) * 31 + Double.doubleToRawLongBits(value2);
                for (double[] x : new double[][] {g, g2, dense}) {
                    for (double v : x) {
                        hash = hash * 31 + Double.doubleToRawLongBits(v);
                    }
                }
            }
            StringBuilder line = new StringBuilder(spec + " bits " + Long.toHexString(hash));
            // at alpha = 0.05 e_k (most shape factors at alpha = 0, read off), then at points of a fit (alpha drawn from
            // N(0, 0.7^2): the code-4 polynomials, a few exponentials)
            double[][] fitPoints = new double[16][1 + k];
            for (double[] t : fitPoints) {
                t[0] = 1 + 0.3 * rng.nextGaussian();
                for (int i = 1; i <= k; i++) {
                    t[i] = 0.7 * rng.nextGaussian();
                }
            }
            for (int events : new int[] {8, 540, -540}) {
                boolean fit = events < 0;
                events = Math.abs(events);
                int[] at = Arrays.copyOf(idx, events);
                ColumnarNll toy = new ColumnarNll(analysis.model()).load(table, at, Arrays.copyOf(w, events), aux);
                StructuredHessian th = toy.newHessian();
                double[] theta = new double[1 + k];
                theta[0] = 1;
                double[] g = new double[1 + k];
                double[] ns = new double[5];
                int iterations = events < 100 ? 200_000 : 40_000;
                double sink = 0;
                for (int rep = 0; rep < ns.length; rep++) {
                    long t0 = cpu.getCurrentThreadCpuTime();
                    for (int i = 0; i < iterations; i++) {
                        double[] point = theta;
                        if (fit) {
                            point = fitPoints[i & 15];
                            point[1] += 1e-12; // a new point each time
                        } else {
                            theta[1 + i % k] = 0.05 + 1e-9 * i; // a new point each time (no remembered evaluation)
                        }
                        sink += toy.evaluateStructured(point, g, th);
                    }
                    ns[rep] = (cpu.getCurrentThreadCpuTime() - t0) / (double) iterations;
                }
                Arrays.sort(ns);
                line.append(String.format(" ns_per_evaluation_%d_events%s %.0f", events, fit ? "_fit_points" : "", ns[2]));
                if (fit) {
                    // at the same points: the value and gradient alone (a fitter's light evaluation), and a scan of 17 mu
                    // points at their alpha and at alpha = 0 (the global fit's two scans)
                    double[] nsLight = new double[5];
                    double[] nsScan = new double[5];
                    double[] mus = new double[17];
                    for (int m = 0; m < mus.length; m++) {
                        mus[m] = 10.0 * m / (mus.length - 1);
                    }
                    double[] values = new double[mus.length];
                    double[] zeros = new double[k];
                    double[] alpha = new double[k];
                    for (int rep = 0; rep < nsLight.length; rep++) {
                        long t0 = cpu.getCurrentThreadCpuTime();
                        for (int i = 0; i < iterations; i++) {
                            double[] point = fitPoints[i & 15];
                            point[1] += 1e-12;
                            sink += toy.evaluate(point, g, null);
                        }
                        nsLight[rep] = (cpu.getCurrentThreadCpuTime() - t0) / (double) iterations;
                        t0 = cpu.getCurrentThreadCpuTime();
                        for (int i = 0; i < iterations / 8; i++) {
                            System.arraycopy(fitPoints[i & 15], 1, alpha, 0, k);
                            toy.valuesAtFixedAlpha(i % 2 == 0 ? alpha : zeros, mus, values);
                            sink += values[3];
                        }
                        nsScan[rep] = (cpu.getCurrentThreadCpuTime() - t0) / (double) (iterations / 8);
                    }
                    Arrays.sort(nsLight);
                    Arrays.sort(nsScan);
                    line.append(String.format(" ns_per_gradient_evaluation_%d_events_fit_points %.0f ns_per_scan_%d_events %.0f",
                            events, nsLight[2], events, nsScan[2]));
                }
                if (sink == 42) {
                    line.append(' ');
                }
            }
            System.out.println(line);
        }
    }
}
