package org.nsbi.spark.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.Locale;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.LUDecomposition;
import org.nsbi.stats.fit.FitResult;
import org.nsbi.stats.fit.ProfileFitter;
import org.nsbi.stats.fit.TestStatistic;
import org.nsbi.stats.likelihood.ColumnarNll;
import org.nsbi.stats.likelihood.NonPositiveDensityException;
import org.nsbi.stats.likelihood.Nll;
import org.nsbi.stats.likelihood.StructuredHessian;
import org.nsbi.stats.model.EventTable;
import org.nsbi.stats.model.MixtureModel;
import org.nsbi.stats.random.ToyRandom;
import org.nsbi.stats.toys.PseudoExperiment;
import org.nsbi.stats.toys.SparsePoissonSampler;

/**
 * Would gradient-only (quasi-Newton) iterations make the kscan's toy fits cheaper (issue 14's K = 100 aim)? On the
 * kscan's toys (synthetic analysis, C = 4, toys at &mu; = 1), per S+Y: the conditional fit at &mu; = 1 from &alpha; = 0
 * by {@link ProfileFitter} (Newton, evaluations with the Hessian) beside a BFGS run on &alpha; (inverse form, steps
 * clipped into the box, halving line search, edm = &frac12;g&#7488;Bg from the matrix in use &lt; 1e-9 as Migrad's) whose
 * starting matrix is the expected Hessian (the Asimov NLL's at the generating point (&mu; = 1, &alpha; = 0), the same for
 * every toy), the same with that matrix held fixed (no updates); and runs of n = 1, 2 exact Newton steps (evaluations with the Hessian) before BFGS from the last exact
 * Hessian. Prints the evaluations per toy of each, the CPU of one evaluation with the Hessian and of one with the
 * gradient only on the toys, CPU per toy of the Newton and BFGS conditional fits and of the whole toy fit
 * ({@link TestStatistic#at}), the largest NLL difference of the BFGS minimum to the Newton one, and the bound: the whole
 * toy fit's CPU if each of its evaluations with the Hessian became one with the gradient only (no more iterations, no
 * matrix work). A warm-up pass over the same toys precedes the measured one.
 */
public final class QuasiNewtonCheck {

    private static final double EDM = 1e-9;

    private QuasiNewtonCheck() {
    }

    public static void main(String[] args) {
        if (args.length < 3) {
            throw new IllegalArgumentException("usage: QuasiNewtonCheck N TOYS S+Y...");
        }
        int n = Integer.parseInt(args[0]);
        int toys = Integer.parseInt(args[1]);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        System.out.println("S+Y,newton_conditional_hessian_evaluations,bfgs_expected_gradient_evaluations,"
                + "bfgs_expected_gradient_evaluations_to_edm_1e-6,hybrid1_hessian+gradient,hybrid2_hessian+gradient,"
                + "expected_hessian_held_fixed_gradient_evaluations,held_fixed_max_nll_above_newton,bfgs_toys_on_a_bound,bfgs_max_nll_above_newton,us_per_hessian_evaluation,"
                + "us_per_gradient_evaluation,newton_conditional_us,bfgs_conditional_us,toy_fit_us,"
                + "toy_fit_hessian_evaluations,toy_fit_us_if_every_hessian_evaluation_were_a_gradient_one");
        for (int a = 2; a < args.length; a++) {
            String spec = args[a];
            KscanToys setup = KscanToys.of(n, spec);
            int k = setup.k();
            MixtureModel model = setup.model();
            EventTable ref = setup.reference();
            double[] zero = new double[k];
            double[] wA = setup.asimovWeights();
            SparsePoissonSampler sampler = setup.sampler();
            Nll asimov = Nll.of(model, ref, wA, zero);
            double[] lo = new double[k];
            double[] hi = new double[k];
            for (int j = 0; j < k; j++) {
                lo[j] = model.alphaLow(j);
                hi[j] = model.alphaHigh(j);
            }
            double[] expectedInverse = alphaInverse(asimov, 1.0, zero);
            Bfgs bfgs = new Bfgs(k, lo, hi);
            ColumnarNll nll = new ColumnarNll(model);
            ProfileFitter fitter = ProfileFitter.withDefaults();
            TestStatistic statistic = TestStatistic.withDefaults();
            double[] s = new double[16];
            for (int pass = 0; pass < 2; pass++) {
                Arrays.fill(s, 0);
                for (int t = 0; t < toys; t++) {
                    PseudoExperiment pe = sampler.draw(ToyRandom.of(11, "toy", ToyRandom.muKey(1.0), t));
                    nll.load(ref, pe.eventIndex(), Arrays.stream(pe.count()).asDoubleStream().toArray(), pe.aux());
                    long h0 = hessians(nll);
                    long c0 = threads.getCurrentThreadCpuTime();
                    FitResult newton = fitter.conditional(nll, 1.0);
                    long c1 = threads.getCurrentThreadCpuTime();
                    bfgs.run(nll, 1.0, zero, expectedInverse);
                    long c2 = threads.getCurrentThreadCpuTime();
                    long h1 = hessians(nll);
                    statistic.at(nll, 1.0);
                    long c3 = threads.getCurrentThreadCpuTime();
                    s[0] += h1 - h0;
                    s[1] += bfgs.evaluations;
                    s[2] += bfgs.evaluationsToPredicted;
                    s[7] += bfgs.touchedBound ? 1 : 0;
                    s[8] = Math.max(s[8], bfgs.f - newton.nll());
                    bfgs.update = false;
                    bfgs.run(nll, 1.0, zero, expectedInverse);
                    bfgs.update = true;
                    s[6] += bfgs.evaluations;
                    s[15] = Math.max(s[15], bfgs.f - newton.nll());
                    s[11] += c1 - c0;
                    s[12] += c2 - c1;
                    s[13] += c3 - c2;
                    s[14] += hessians(nll) - h1;
                    for (int m = 1; m <= 2; m++) {
                        s[2 + m] += hybrid(nll, bfgs, m, k, zero) + 1000 * bfgs.evaluations;
                    }
                    // one evaluation with the Hessian, one with the gradient only, each 10 times (a new point each time)
                    double[] th = new double[k + 1];
                    th[0] = nll.p(1.0);
                    Arrays.fill(th, 1, k + 1, 0.05);
                    double[] g = new double[k + 1];
                    StructuredHessian hs = nll.newHessian();
                    long e0 = threads.getCurrentThreadCpuTime();
                    for (int e = 0; e < 10; e++) {
                        th[1] += 1e-9;
                        nll.evaluateStructured(th, g, hs);
                    }
                    long e1 = threads.getCurrentThreadCpuTime();
                    for (int e = 0; e < 10; e++) {
                        th[1] += 1e-9;
                        nll.evaluate(th, g, null);
                    }
                    long e2 = threads.getCurrentThreadCpuTime();
                    s[9] += (e1 - e0) / 10.0;
                    s[10] += (e2 - e1) / 10.0;
                }
            }
            double full = s[9] / toys / 1e3;
            double grad = s[10] / toys / 1e3;
            double fit = s[13] / toys / 1e3;
            double fitHessians = s[14] / toys;
            StringBuilder hyb = new StringBuilder();
            for (int m = 1; m <= 2; m++) {
                // hybrid sums: 1000 * gradient evaluations + Hessian evaluations
                double v = s[2 + m] / toys;
                hyb.append(String.format(Locale.ROOT, "%d+%.2f,", m, (v - m) / 1000));
            }
            System.out.printf(Locale.ROOT, "%s,%.2f,%.2f,%.2f,%s%.2f,%.2e,%.0f,%.2e,%.1f,%.1f,%.1f,%.1f,%.1f,%.2f,%.1f%n", spec,
                    s[0] / toys, s[1] / toys, s[2] / toys, hyb, s[6] / toys, s[15], s[7], s[8], full, grad, s[11] / toys / 1e3,
                    s[12] / toys / 1e3, fit, fitHessians, fit - fitHessians * (full - grad));
        }
    }

    private static long hessians(Nll nll) {
        return nll.hessianCounts().values().stream().mapToLong(Long::longValue).sum();
    }

    /** m exact Newton steps on &alpha; from alpha (m evaluations with the Hessian), then BFGS from the last exact Hessian. */
    private static int hybrid(Nll nll, Bfgs bfgs, int m, int k, double[] alpha) {
        double[] at = alpha.clone();
        double[] inverse = null;
        double[] g = new double[k + 1];
        double[] th = new double[k + 1];
        for (int step = 0; step < m; step++) {
            th[0] = nll.p(1.0);
            System.arraycopy(at, 0, th, 1, k);
            inverse = alphaInverse(nll, 1.0, at);
            nll.evaluate(th, g, null);
            if (step < m - 1) {
                for (int i = 0; i < k; i++) {
                    double v = 0;
                    for (int j = 0; j < k; j++) {
                        v += inverse[i * k + j] * g[j + 1];
                    }
                    at[i] = Math.min(bfgs.hi[i], Math.max(bfgs.lo[i], at[i] - v));
                }
            }
        }
        bfgs.run(nll, 1.0, at, inverse);
        return m;
    }

    /** The inverse of the NLL's Hessian in &alpha; at (&mu;, &alpha;), row-major. */
    private static double[] alphaInverse(Nll nll, double mu, double[] alpha) {
        int k = alpha.length;
        int d = k + 1;
        double[] th = new double[d];
        th[0] = nll.p(mu);
        System.arraycopy(alpha, 0, th, 1, k);
        double[] h = new double[d * d];
        nll.evaluate(th, new double[d], h);
        double[][] block = new double[k][k];
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < k; j++) {
                block[i][j] = h[(i + 1) * d + j + 1];
            }
        }
        double[][] inv = new LUDecomposition(new Array2DRowRealMatrix(block)).getSolver().getInverse().getData();
        double[] flat = new double[k * k];
        for (int i = 0; i < k; i++) {
            System.arraycopy(inv[i], 0, flat, i * k, k);
        }
        return flat;
    }

    /** BFGS on &alpha; at fixed &mu; in inverse form, with gradient-only evaluations. */
    private static final class Bfgs {
        final int k;
        final double[] lo;
        final double[] hi;
        final double[] b;
        final double[] x;
        final double[] xn;
        final double[] g;
        final double[] gn;
        final double[] step;
        final double[] sv;
        final double[] yv;
        final double[] by;
        boolean update = true;
        int evaluations;
        int evaluationsToPredicted;
        boolean touchedBound;
        double f;

        Bfgs(int k, double[] lo, double[] hi) {
            this.k = k;
            this.lo = lo;
            this.hi = hi;
            b = new double[k * k];
            x = new double[k + 1];
            xn = new double[k + 1];
            g = new double[k + 1];
            gn = new double[k + 1];
            step = new double[k];
            sv = new double[k];
            yv = new double[k];
            by = new double[k];
        }

        void run(Nll nll, double mu, double[] alpha, double[] inverse) {
            System.arraycopy(inverse, 0, b, 0, k * k);
            x[0] = nll.p(mu);
            System.arraycopy(alpha, 0, x, 1, k);
            f = nll.evaluate(x, g, null);
            evaluations = 1;
            evaluationsToPredicted = 0;
            touchedBound = false;
            for (int it = 0; it < 500; it++) {
                double edm = 0;
                for (int i = 0; i < k; i++) {
                    double v = 0;
                    for (int j = 0; j < k; j++) {
                        v += b[i * k + j] * g[j + 1];
                    }
                    step[i] = -v;
                    edm += 0.5 * g[i + 1] * v;
                }
                if (edm < 1e-6 && evaluationsToPredicted == 0) {
                    evaluationsToPredicted = evaluations;
                }
                if (edm < EDM) {
                    return;
                }
                double t = 1;
                double fn = Double.POSITIVE_INFINITY;
                for (int back = 0; back < 30 && !(fn <= f); back++, t *= 0.5) {
                    xn[0] = x[0];
                    for (int i = 0; i < k; i++) {
                        double to = x[i + 1] + t * step[i];
                        touchedBound |= to <= lo[i] || to >= hi[i];
                        xn[i + 1] = Math.min(hi[i], Math.max(lo[i], to));
                    }
                    try {
                        fn = nll.evaluate(xn, gn, null);
                    } catch (NonPositiveDensityException e) {
                        fn = Double.POSITIVE_INFINITY;
                    }
                    evaluations++;
                }
                if (!(fn <= f)) {
                    return;
                }
                double sy = 0;
                for (int i = 0; i < k; i++) {
                    sv[i] = xn[i + 1] - x[i + 1];
                    yv[i] = gn[i + 1] - g[i + 1];
                    sy += sv[i] * yv[i];
                }
                if (update && sy > 0) {
                    double yby = 0;
                    for (int i = 0; i < k; i++) {
                        double v = 0;
                        for (int j = 0; j < k; j++) {
                            v += b[i * k + j] * yv[j];
                        }
                        by[i] = v;
                        yby += yv[i] * v;
                    }
                    double c = (sy + yby) / (sy * sy);
                    for (int i = 0; i < k; i++) {
                        for (int j = 0; j < k; j++) {
                            b[i * k + j] += c * sv[i] * sv[j] - (by[i] * sv[j] + sv[i] * by[j]) / sy;
                        }
                    }
                }
                System.arraycopy(xn, 0, x, 0, k + 1);
                System.arraycopy(gn, 0, g, 0, k + 1);
                f = fn;
            }
        }
    }
}
