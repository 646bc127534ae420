package org.nsbi.stats.adaptive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.apache.commons.math3.distribution.BetaDistribution;
import org.apache.commons.math3.distribution.BinomialDistribution;
import org.junit.jupiter.api.Test;

/** The order-statistic band against exact answers: the Beta law of F(t_(k)) and binomial tails summed term by term. */
class OrderStatisticBandTest {

    private static final double[] CLS = {0.6827, 0.9, 0.9545};

    @Test
    void theCoverageSdIsTheBetaLawOfTheKthOrderStatistic() {
        for (int n : new int[] {40, 100, 600, 5000}) {
            for (double cl : CLS) {
                int k = (int) Math.ceil(cl * (n + 1) - 1e-9);
                BetaDistribution beta = new BetaDistribution(k, n + 1 - k);
                assertEquals(Math.sqrt(beta.getNumericalVariance()), OrderStatisticBand.coverageSd(n, cl), 1e-12,
                        "n = " + n + ", cl = " + cl);
            }
        }
        assertEquals(Double.POSITIVE_INFINITY, OrderStatisticBand.coverageSd(10, 0.9545), "k = 11 > 10: too few toys");
    }

    @Test
    void theCoverageOfAnEstimatedCriticalValueScattersAsStated() {
        // t uniform on (0, 1): F(t) = t, so the coverage delivered by t_(k) is t_(k) itself
        int n = 200;
        double cl = 0.9;
        int k = (int) Math.ceil(cl * (n + 1) - 1e-9);
        SplittableRandom rng = new SplittableRandom(5);
        int reps = 4000;
        double sum = 0;
        double sum2 = 0;
        double[] t = new double[n];
        for (int r = 0; r < reps; r++) {
            for (int i = 0; i < n; i++) {
                t[i] = rng.nextDouble();
            }
            Arrays.sort(t);
            sum += t[k - 1];
            sum2 += t[k - 1] * t[k - 1];
        }
        double sd = Math.sqrt(sum2 / reps - (sum / reps) * (sum / reps));
        // the sample sd of 4000 draws has a relative error of about 1/sqrt(2 * 4000) = 1.1 %
        assertEquals(OrderStatisticBand.coverageSd(n, cl), sd, 0.045 * sd);
    }

    @Test
    void theDecisionThresholdsAreTheBinomialTailsSummedTermByTerm() {
        for (int n : new int[] {10, 50, 200, 1000}) {
            for (double cl : CLS) {
                for (double s : new double[] {1, 2, 3}) {
                    double tail = OrderStatisticBand.tail(s);
                    BinomialDistribution b = new BinomialDistribution(null, n, cl);
                    double[] lower = new double[n + 2]; // lower[j] = P(X <= j - 1)
                    for (int j = 0; j <= n; j++) {
                        lower[j + 1] = lower[j] + b.probability(j);
                    }
                    int a = -1;
                    while (a + 1 <= n && lower[a + 2] <= tail) {
                        a++;
                    }
                    int c = n + 1;
                    while (c - 1 >= 0 && 1 - lower[c - 1] <= tail) {
                        c--;
                    }
                    String at = "n = " + n + ", cl = " + cl + ", s = " + s;
                    assertEquals(a, OrderStatisticBand.insideAtMost(n, cl, s), at);
                    assertEquals(c, OrderStatisticBand.outsideFrom(n, cl, s), at);
                }
            }
        }
        assertEquals(0.02275, OrderStatisticBand.tail(2), 1e-5);
    }

    @Test
    void aDecisionAtTheTrueQuantileIsWrongAsOftenAsTheBinomialTailsSay() {
        // t uniform, t_obs exactly at the CL-quantile: any decision is wrong; its rate is P(X <= a) + P(X >= b)
        int n = 100;
        double cl = 0.6827;
        double s = 1.5;
        BinomialDistribution b = new BinomialDistribution(null, n, cl);
        double exact = b.cumulativeProbability(OrderStatisticBand.insideAtMost(n, cl, s))
                + 1 - b.cumulativeProbability(OrderStatisticBand.outsideFrom(n, cl, s) - 1);
        assertTrue(exact <= 2 * OrderStatisticBand.tail(s), "bounded by the two tails: " + exact);
        SplittableRandom rng = new SplittableRandom(11);
        int reps = 20_000;
        int decided = 0;
        double[] t = new double[n];
        for (int r = 0; r < reps; r++) {
            for (int i = 0; i < n; i++) {
                t[i] = rng.nextDouble();
            }
            decided += OrderStatisticBand.decide(t, cl, cl, s) != OrderStatisticBand.Decision.OPEN ? 1 : 0;
        }
        double rate = decided / (double) reps;
        assertEquals(exact, rate, 4 * Math.sqrt(exact * (1 - exact) / reps), "simulated " + rate + " vs exact " + exact);
    }

    @Test
    void decisionsFarFromTheQuantileAndFailedToys() {
        double[] t = new double[200];
        for (int i = 0; i < t.length; i++) {
            t[i] = (i + 0.5) / t.length;       // the 68.27 % quantile is about 0.68
        }
        assertEquals(OrderStatisticBand.Decision.INSIDE, OrderStatisticBand.decide(t, 0.5, 0.6827, 2));
        assertEquals(OrderStatisticBand.Decision.OUTSIDE, OrderStatisticBand.decide(t, 0.85, 0.6827, 2));
        assertEquals(OrderStatisticBand.Decision.OPEN, OrderStatisticBand.decide(t, 0.68, 0.6827, 2));
        // failed toys (NaN or +inf) are never below t_obs: they count against "outside", as they raise t_c in the belt
        double[] failed = t.clone();
        for (int i = 150; i < 200; i++) {
            failed[i] = i % 2 == 0 ? Double.NaN : Double.POSITIVE_INFINITY;
        }
        assertEquals(OrderStatisticBand.Decision.OUTSIDE, OrderStatisticBand.decide(t, 0.80, 0.6827, 2));
        assertEquals(OrderStatisticBand.Decision.OPEN, OrderStatisticBand.decide(failed, 0.80, 0.6827, 2),
                "150 of 200 below: 0.75 is within the band of 0.6827");
    }
}
