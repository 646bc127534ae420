package org.nsbi.stats.belt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleUnaryOperator;
import org.apache.commons.math3.distribution.PoissonDistribution;
import org.junit.jupiter.api.Test;
import org.nsbi.stats.interval.ConfidenceInterval;
import org.nsbi.stats.interval.IntervalInverter;
import org.nsbi.stats.toys.PseudoExperiment;
import org.nsbi.stats.toys.PseudoExperimentFit;
import org.nsbi.stats.toys.SparsePoissonSampler;
import org.nsbi.stats.toys.ToyBlockRunner;
import org.nsbi.stats.toys.ToyFit;
import org.nsbi.stats.toys.ToyOutcome;

/**
 * The counting experiment: all ratios 1, so the NSBI likelihood is a Poisson count with signal mu and known
 * background b, and a Neyman construction with likelihood-ratio ordering is Feldman-Cousins. The toy machinery
 * (sparse sampler, keyed streams, belts with order-statistic critical values, interval inversion) runs here on
 * the closed-form fit of that count (the pyhf "independence" test); its intervals must reproduce an exact FC
 * construction (Poisson probabilities, no toys) to 0.05 in mu for n = 0..10, and the exact construction must
 * reproduce the published table to its rounding.
 */
public class FeldmanCousinsTest {

    /** t_mu = 2 [(mu+b) - n ln(mu+b) - ((mu^+b) - n ln(mu^+b))], mu^ = max(0, n - b). */
    public static double t(int n, double mu, double b) {
        double muHat = Math.max(0, n - b);
        return 2 * (nll(n, mu + b) - nll(n, muHat + b));
    }

    private static double nll(int n, double mean) {
        return mean - (n == 0 ? 0 : n * Math.log(mean));
    }

    /** The closed-form fit as the toy machinery sees a model. */
    public record CountingFit(double b) implements PseudoExperimentFit {
        // shared with CoverageTest
        @Override
        public ToyFit fit(PseudoExperiment pe, double mu) {
            int n = (int) pe.totalCount();
            return ToyFit.of(t(n, mu, b), Math.max(0, n - b), new double[0], 0);
        }
    }

    /** The largest observed count whose exact interval is asked for. */
    private static final int MAX_N = 10;

    /** Exact FC: the interval {mu : n in A(mu)} on a fine grid, A by likelihood-ratio ranking. */
    static double[] exact(double cl, double b, int nObs) {
        if (nObs < 0 || nObs > MAX_N) {
            throw new IllegalArgumentException("n = " + nObs + "; the exact construction is kept for n = 0.." + MAX_N);
        }
        return EXACT.computeIfAbsent(cl + "/" + b, key -> exactUncached(cl, b))[nObs];
    }

    private static final java.util.Map<String, double[][]> EXACT = new java.util.concurrent.ConcurrentHashMap<>();

    /** The exact intervals of n = 0..MAX_N, from one pass over the grid: each acceptance region A(mu) is built once. */
    private static double[][] exactUncached(double cl, double b) {
        double[][] interval = new double[MAX_N + 1][];
        for (int n = 0; n <= MAX_N; n++) {
            interval[n] = new double[] {Double.NaN, Double.NaN};
        }
        for (int i = 0; i <= 16_000; i++) {
            double mu = i * 0.001;
            PoissonDistribution p = new PoissonDistribution(null, Math.max(mu + b, 1e-12), 1e-12, 10_000);
            int nMax = (int) (mu + b + 10 * Math.sqrt(mu + b + 1) + 20);
            Integer[] ns = new Integer[nMax + 1];
            double[] ratio = new double[nMax + 1];
            for (int n = 0; n <= nMax; n++) {
                ns[n] = n;
                ratio[n] = -t(n, mu, b); // ranking by R = exp(-t/2)
            }
            java.util.Arrays.sort(ns, (x, y) -> Double.compare(ratio[y], ratio[x]));
            double sum = 0;
            for (Integer n : ns) {
                if (sum >= cl) {
                    break;
                }
                sum += p.probability(n);
                if (n <= MAX_N) {
                    double[] e = interval[n];
                    e[0] = Double.isNaN(e[0]) ? mu : e[0];
                    e[1] = mu;
                }
            }
        }
        return interval;
    }

    /**
     * The exact probability, at mu, that a count ranks strictly before n (t(n') &lt; t(n)): n is in the FC
     * acceptance region at CL iff this is &lt; CL.
     */
    static double rankedBefore(int n, double mu, double b) {
        PoissonDistribution p = new PoissonDistribution(null, Math.max(mu + b, 1e-12), 1e-12, 10_000);
        double tn = t(n, mu, b);
        double sum = 0;
        int nMax = (int) (mu + b + 10 * Math.sqrt(mu + b + 1) + 30);
        for (int k = 0; k <= nMax; k++) {
            if (k != n && t(k, mu, b) < tn) {
                sum += p.probability(k);
            }
        }
        return sum;
    }

    /**
     * Runs the toy construction on a grid of step 0.02 and compares, for n = 0..10, its decision at every grid
     * point (t_obs(mu) &le; t_c(mu), the belt's order-statistic critical value) with the exact FC decision. They
     * must agree wherever the exact decision is resolvable with this many toys: where the exact probability of
     * ranking before n is more than 4 sigma_MC = 4 sqrt(CL(1-CL)/toys) away from CL. (For a discrete count, the
     * toys' quantile sits on an atom of t; where the exact probability is within the Monte Carlo error of CL, the
     * decision flickers between neighbouring grid points, which no number of toys removes entirely.) Then the
     * interval's ends, read by the interval inverter as the outermost accepted points, must be within 0.05 of the
     * exact ends, counting marginal points as either.
     */
    private static void check(double cl, double b, double muMax) throws IOException {
        int toys = 4000;
        double step = 0.02;
        int points = (int) Math.round(muMax / step) + 1;
        double[] grid = new double[points];
        List<ToyOutcome> outcomes = new ArrayList<>();
        CountingFit fit = new CountingFit(b);
        for (int m = 0; m < points; m++) {
            grid[m] = m * step;
            // at mu + b = 0 every experiment is empty; a tiny mean stands in (the sampler refuses a zero total)
            SparsePoissonSampler sampler = SparsePoissonSampler.of(new double[] {Math.max(grid[m] + b, 1e-12)}, new double[0]);
            outcomes.addAll(ToyBlockRunner.run(1998, m, grid[m], 0, toys, sampler, fit));
        }
        Belt belt = Belt.build(grid, outcomes, List.of(cl));
        double sigma = Math.sqrt(cl * (1 - cl) / toys);
        int marginal = 0;
        for (int n = 0; n <= MAX_N; n++) {
            int nObs = n;
            ConfidenceInterval ci = IntervalInverter.neyman(mu -> t(nObs, mu, b), grid, belt, cl);
            double[] e = exact(cl, b, n);
            double firstSure = Double.NaN;
            double lastSure = Double.NaN;
            for (int m = 0; m < points; m++) {
                double f = rankedBefore(n, grid[m], b);
                boolean exactAccept = f < cl;
                boolean toyAccept = t(n, grid[m], b) <= belt.point(m, cl).tCrit();
                boolean resolvable = Math.abs(f - cl) > 4 * sigma;
                if (resolvable) {
                    assertEquals(exactAccept, toyAccept, "decision at mu = " + grid[m] + ", n = " + n + ", CL " + cl
                            + ", b " + b + " (exact P(ranked before) = " + f + ")");
                    if (exactAccept) {
                        firstSure = Double.isNaN(firstSure) ? grid[m] : firstSure;
                        lastSure = grid[m];
                    }
                } else if (exactAccept != toyAccept) {
                    marginal++;
                }
            }
            double lo = ci.pieces().get(0)[0];
            double hi = ci.pieces().get(ci.pieces().size() - 1)[1];
            assertTrue(lo <= firstSure + 0.05 && hi >= lastSure - 0.05, "the toy interval [" + lo + ", " + hi
                    + "] covers the surely accepted points [" + firstSure + ", " + lastSure + "], n = " + n);
            assertEquals(e[0], lo, 0.05 + (lo < e[0] ? marginWidth(cl, b, n, grid, sigma, true) : 0),
                    "lower end, n = " + n + ", CL " + cl + ", b " + b);
            assertEquals(e[1], hi, 0.05 + (hi > e[1] ? marginWidth(cl, b, n, grid, sigma, false) : 0),
                    "upper end, n = " + n + ", CL " + cl + ", b " + b);
        }
        System.out.println("FC CL " + cl + " b " + b + ": toy decisions equal the exact ones at every resolvable grid point; "
                + marginal + " marginal grid points flickered");
        int rows = 0;
        for (String[] r : published()) {
            if (Double.parseDouble(r[0]) == cl && Double.parseDouble(r[1]) == b) {
                int n = Integer.parseInt(r[2]);
                double[] e = exact(cl, b, n);
                assertEquals(Double.parseDouble(r[3]), e[0], 0.006, "FC 1998 lower end, n = " + n);
                assertEquals(Double.parseDouble(r[4]), e[1], 0.006, "FC 1998 upper end, n = " + n);
                rows++;
            }
        }
        assertTrue(rows == 4, "4 published rows for CL " + cl + ", b " + b);
    }

    /** How far beyond an exact end the marginal (unresolvable) grid points reach. */
    private static double marginWidth(double cl, double b, int n, double[] grid, double sigma, boolean below) {
        double[] e = exact(cl, b, n);
        double reach = 0;
        for (double mu : grid) {
            boolean outside = below ? mu < e[0] : mu > e[1];
            if (outside && Math.abs(rankedBefore(n, mu, b) - cl) <= 4 * sigma) {
                reach = Math.max(reach, below ? e[0] - mu : mu - e[1]);
            }
        }
        return reach;
    }

    private static List<String[]> published() throws IOException {
        try (InputStream in = FeldmanCousinsTest.class.getResourceAsStream("/feldman-cousins-1998.csv")) {
            List<String[]> rows = new ArrayList<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.startsWith("#") && !line.startsWith("cl") && !line.isBlank()) {
                    rows.add(line.strip().split(","));
                }
            }
            return rows;
        }
    }

    @Test
    void b0At6827() throws IOException {
        check(0.6827, 0, 14.5);
    }

    @Test
    void b3At90() throws IOException {
        check(0.90, 3, 14.5);
    }
}
