package org.nsbi.stats.adaptive;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.commons.math3.optim.MaxIter;
import org.apache.commons.math3.optim.PointValuePair;
import org.apache.commons.math3.optim.linear.LinearConstraint;
import org.apache.commons.math3.optim.linear.LinearConstraintSet;
import org.apache.commons.math3.optim.linear.LinearObjectiveFunction;
import org.apache.commons.math3.optim.linear.NonNegativeConstraint;
import org.apache.commons.math3.optim.linear.Relationship;
import org.apache.commons.math3.optim.linear.SimplexSolver;
import org.apache.commons.math3.optim.nonlinear.scalar.GoalType;
import org.junit.jupiter.api.Test;
import org.nsbi.stats.belt.CriticalValue;
import org.nsbi.stats.toys.ToyOutcome;

/** Local linear quantile regression against exact answers: a linear program, a known linear quantile, the order statistic. */
class LocalCriticalValueTest {

    private static final double[] GRID = {0, 0.25, 0.5, 0.75, 1.0, 1.25, 1.5};

    /** t = (1 + mu) * Exp(1): the CL-quantile -ln(1 - CL) * (1 + mu) is linear in mu; mu_hat never equals mu_true. */
    private static List<ToyOutcome> toys(int perPoint, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        List<ToyOutcome> toys = new ArrayList<>();
        for (int m = 0; m < GRID.length; m++) {
            for (int i = 0; i < perPoint; i++) {
                double t = -Math.log(1 - rng.nextDouble()) * (1 + GRID[m]);
                toys.add(new ToyOutcome(m, GRID[m], i, t, GRID[m] + 0.5, new double[0], true, null, 1, null, false));
            }
        }
        return toys;
    }

    @Test
    void theLocalFitReachesTheWeightedLinearProgramsOptimum() {
        SplittableRandom rng = new SplittableRandom(11);
        double cl = 0.6827;
        int n = 45;
        double[][] rows = new double[n][];
        for (int i = 0; i < n; i++) {
            int j = i % 5 - 2;
            rows[i] = new double[] {0.25 * j, -Math.log(1 - rng.nextDouble()) * (1 + j), 1 - Math.abs(j) / 3.0};
        }
        // variables a+, a-, b+, b-, u_1..u_n, v_1..v_n >= 0: a + b d_i + u_i - v_i = t_i; cost sum w (cl u + (1 - cl) v)
        double[] cost = new double[4 + 2 * n];
        List<LinearConstraint> rowsLp = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            double[] c = new double[4 + 2 * n];
            c[0] = 1;
            c[1] = -1;
            c[2] = rows[i][0];
            c[3] = -rows[i][0];
            c[4 + i] = 1;
            c[4 + n + i] = -1;
            rowsLp.add(new LinearConstraint(c, Relationship.EQ, rows[i][1]));
            cost[4 + i] = cl * rows[i][2];
            cost[4 + n + i] = (1 - cl) * rows[i][2];
        }
        PointValuePair lp = new SimplexSolver(1e-9, 10, 1e-14).optimize(new MaxIter(100_000),
                new LinearObjectiveFunction(cost, 0), new LinearConstraintSet(rowsLp), GoalType.MINIMIZE,
                new NonNegativeConstraint(true));
        double a = LocalCriticalValue.fitAt(rows, cl);
        // the loss at our intercept with its best slope: the profile over b is what fitAt minimises
        double best = Double.POSITIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            if (rows[i][0] != 0) {
                best = Math.min(best, LocalCriticalValue.pinball(rows, a, (rows[i][1] - a) / rows[i][0], cl));
            }
        }
        assertEquals(lp.getValue(), best, 1e-9 * lp.getValue(), "the optimum of the linear program");
        double lpA = lp.getPoint()[0] - lp.getPoint()[1];
        assertEquals(lpA, a, 1e-6 * Math.abs(lpA), "the same intercept (a vertex: unique here)");
    }

    @Test
    void aQuantileLinearInMuIsFoundWithoutBiasAtEveryGridPoint() {
        double cl = 0.6827;
        double q = -Math.log(1 - cl);
        int repeats = 40;
        double[] mean = new double[GRID.length];
        double[] own = new double[GRID.length];
        for (int r = 0; r < repeats; r++) {
            List<ToyOutcome> toys = toys(100, 100 + r);
            LocalCriticalValue f = LocalCriticalValue.fit(GRID, toys, cl);
            for (int m = 0; m < GRID.length; m++) {
                mean[m] += f.at(GRID[m]) / repeats;
                int index = m;
                double[] t = toys.stream().filter(o -> o.muIndex() == index).mapToDouble(ToyOutcome::t).toArray();
                double d = CriticalValue.of(t, 0, cl).t() - q * (1 + GRID[m]);
                own[m] += d * d / repeats;
            }
        }
        for (int m = 0; m < GRID.length; m++) {
            double exact = q * (1 + GRID[m]);
            // the sd of one point's quantile of 100 toys over sqrt(40) repeats bounds the mean's noise from above
            double sdOfMean = Math.sqrt(own[m] / repeats);
            assertEquals(exact, mean[m], 3 * sdOfMean, "mu = " + GRID[m]);
        }
    }

    @Test
    void aPlainQuantileIsReadAtPositionsIOverNPlusOneAsHyndmanFansTypeSix() {
        SplittableRandom rng = new SplittableRandom(21);
        for (int n : new int[] {25, 60, 201}) {
            double[][] rows = new double[n][];
            double[] t = new double[n];
            for (int i = 0; i < n; i++) {
                t[i] = -Math.log(1 - rng.nextDouble());
                rows[i] = new double[] {0, t[i], 1};
            }
            for (double cl : new double[] {0.6827, 0.9, 0.9545}) {
                double r6 = new org.apache.commons.math3.stat.descriptive.rank.Percentile()
                        .withEstimationType(org.apache.commons.math3.stat.descriptive.rank.Percentile.EstimationType.R_6)
                        .evaluate(t, 100 * cl);
                assertEquals(r6, LocalCriticalValue.unbiasedAt(rows, cl), 1e-12, "n = " + n + ", CL " + cl);
            }
        }
        // beyond the last position N / (N + 1): too few toys for the level, as the order statistic
        double[][] few = {{0, 1.0, 1}, {0, 2.0, 1}, {0, 3.0, 1}};
        assertEquals(Double.POSITIVE_INFINITY, LocalCriticalValue.unbiasedAt(few, 0.9545), 0.0);
    }

    @Test
    void theFittedCriticalValueCoversCLOnAverageWithFewToysInTheFarTail() {
        // t = (1 + mu / 4) * Exp(1) on 17 points, 25 toys each: the coverage of a fitted t_c is exactly
        // 1 - exp(-t_c / (1 + mu / 4)). Its mean over 200 repeats at the points away from the grid's edges is CL + 0.0022
        // (+- 0.0008): a little conservative; the pinball minimum's intercept covers 0.0049 too little here.
        double[] grid = new double[17];
        for (int m = 0; m < grid.length; m++) {
            grid[m] = 0.25 * m;
        }
        double cl = 0.9545;
        int repeats = 200;
        double sum = 0;
        for (int r = 0; r < repeats; r++) {
            SplittableRandom rng = new SplittableRandom(300 + r);
            List<ToyOutcome> toys = new ArrayList<>();
            for (int m = 0; m < grid.length; m++) {
                for (int i = 0; i < 25; i++) {
                    double t = -Math.log(1 - rng.nextDouble()) * (1 + grid[m] / 4);
                    toys.add(new ToyOutcome(m, grid[m], i, t, grid[m] + 0.5, new double[0], true, null, 1, null, false));
                }
            }
            LocalCriticalValue f = LocalCriticalValue.fit(grid, toys, cl);
            for (int m = 4; m <= 12; m++) {
                sum += 1 - Math.exp(-f.at(grid[m]) / (1 + grid[m] / 4));
            }
        }
        double bias = sum / (9 * repeats) - cl;
        assertEquals(0, bias, 0.0035, "mean coverage minus CL");
    }

    @Test
    void neighboursMakeTheCriticalValueMorePreciseThanThePointsOwnToys() {
        double cl = 0.6827;
        double exact = -Math.log(1 - cl) * (1 + GRID[3]);
        double local = 0;
        double own = 0;
        int repeats = 60;
        for (int r = 0; r < repeats; r++) {
            List<ToyOutcome> toys = toys(60, 500 + r);
            double d = LocalCriticalValue.fit(GRID, toys, cl).at(GRID[3]) - exact;
            local += d * d;
            double[] t = toys.stream().filter(o -> o.muIndex() == 3).mapToDouble(ToyOutcome::t).toArray();
            double e = CriticalValue.of(t, 0, cl).t() - exact;
            own += e * e;
        }
        // seven points weighted 1, 3/4, 1/2, 1/4: about 5.8 times the toys of one point, so less than half the variance
        assertTrue(local < 0.5 * own, "mean square error " + local / repeats + " against the point's own " + own / repeats);
        assertEquals(60 * 16.0 / 2.75, LocalCriticalValue.fit(GRID, toys(60, 1), cl).effectiveToys(3, 0), 1e-9,
                "symmetric window: (sum w)^2 / sum w^2 = 60 * 4^2 / 2.75");
    }

    @Test
    void aPointWhoseToysSitOnTheTrueMuIsFittedAloneAndLendsNothing() {
        double cl = 0.6827;
        List<ToyOutcome> toys = new ArrayList<>(toys(80, 7));
        List<ToyOutcome> atom = new ArrayList<>();
        for (ToyOutcome o : toys) {
            // point 0: half its toys have mu_hat = mu_true and t = 0 (mu = 0 on the bound)
            atom.add(o.muIndex() == 0 && o.toyIndex() % 2 == 0
                    ? new ToyOutcome(0, 0.0, o.toyIndex(), 0.0, 0.0, new double[0], true, null, 1, null, false) : o);
        }
        LocalCriticalValue f = LocalCriticalValue.fit(GRID, atom, cl);
        double[] t0 = atom.stream().filter(o -> o.muIndex() == 0).mapToDouble(ToyOutcome::t).toArray();
        assertEquals(CriticalValue.of(t0, 0, cl).t(), f.at(0), 0.0, "its own order statistic");
        // the neighbours do not see point 0's toys: scaling them changes nothing at the others
        List<ToyOutcome> scaled = atom.stream().map(o -> o.muIndex() != 0 ? o
                : new ToyOutcome(0, 0.0, o.toyIndex(), 10 * o.t(), o.muHat(), new double[0], true, null, 1, null, false))
                .toList();
        LocalCriticalValue g = LocalCriticalValue.fit(GRID, scaled, cl);
        for (int m = 1; m < GRID.length; m++) {
            assertEquals(f.at(GRID[m]), g.at(GRID[m]), 0.0, "mu = " + GRID[m]);
        }
        // without the atom, point 0 borrows from points 1 and 2: scaling theirs moves it
        List<ToyOutcome> neighbours = toys.stream().map(o -> o.muIndex() == 0 ? o
                : new ToyOutcome(o.muIndex(), o.muTrue(), o.toyIndex(), 3 * o.t(), o.muHat(), new double[0], true, null, 1,
                null, false)).toList();
        assertTrue(LocalCriticalValue.fit(GRID, toys, cl).at(0) < LocalCriticalValue.fit(GRID, neighbours, cl).at(0));
    }

    @Test
    void failedToysRaiseTheCriticalValueAndTooManyMakeItInfinite() {
        double cl = 0.6827;
        List<ToyOutcome> toys = toys(50, 9);
        LocalCriticalValue base = LocalCriticalValue.fit(GRID, toys, cl);
        List<ToyOutcome> someFailed = toys.stream().map(o -> o.toyIndex() % 10 == 0
                ? new ToyOutcome(o.muIndex(), o.muTrue(), o.toyIndex(), Double.NaN, Double.NaN, new double[0], false, "failed",
                1, "error", false) : o).toList();
        LocalCriticalValue raised = LocalCriticalValue.fit(GRID, someFailed, cl);
        for (int m = 0; m < GRID.length; m++) {
            assertTrue(raised.at(GRID[m]) >= base.at(GRID[m]) - 1e-12, "mu = " + GRID[m]);
        }
        List<ToyOutcome> mostFailed = toys.stream().map(o -> o.toyIndex() % 2 == 0 || o.toyIndex() % 3 == 0
                ? new ToyOutcome(o.muIndex(), o.muTrue(), o.toyIndex(), Double.NaN, Double.NaN, new double[0], false, "failed",
                1, "error", false) : o).toList();
        double[] inf = new double[GRID.length];
        java.util.Arrays.fill(inf, Double.POSITIVE_INFINITY);
        assertArrayEquals(inf, LocalCriticalValue.fit(GRID, mostFailed, cl).tc(), "2/3 failed: beyond 1 - CL");
    }

    @Test
    void theEffectiveToysAreTheInverseVarianceOfTheWeightedLeastSquaresIntercept() {
        // at the grid's first point the window is one-sided (d = 0, 0.25, 0.5, 0.75; weights 1, 3/4, 1/2, 1/4), with
        // 10, 20, 30, 40 toys: Var(a) = [(X'WX)^-1 X'W^2X (X'WX)^-1]_00 for toys of unit variance, by Commons Math
        double[] d = {0, 0.25, 0.5, 0.75};
        double[] w = {1, 0.75, 0.5, 0.25};
        double[][] t = {new double[10], new double[20], new double[30], new double[40]};
        org.apache.commons.math3.linear.RealMatrix xwx = new org.apache.commons.math3.linear.Array2DRowRealMatrix(2, 2);
        org.apache.commons.math3.linear.RealMatrix xw2x = new org.apache.commons.math3.linear.Array2DRowRealMatrix(2, 2);
        for (int g = 0; g < d.length; g++) {
            for (int i = 0; i < t[g].length; i++) {
                double[] x = {1, d[g]};
                for (int r = 0; r < 2; r++) {
                    for (int c = 0; c < 2; c++) {
                        xwx.addToEntry(r, c, w[g] * x[r] * x[c]);
                        xw2x.addToEntry(r, c, w[g] * w[g] * x[r] * x[c]);
                    }
                }
            }
        }
        org.apache.commons.math3.linear.RealMatrix inv = org.apache.commons.math3.linear.MatrixUtils.inverse(xwx);
        double var = inv.multiply(xw2x).multiply(inv).getEntry(0, 0);
        assertEquals(1 / var, LocalCriticalValue.effectiveToys(d, w, t), 1e-9 / var);
        double own = 10;
        assertTrue(1 / var < (100 * 100) / (10 + 20 * 0.5625 + 30 * 0.25 + 40 * 0.0625) && 1 / var > own,
                "fewer than a symmetric window's (sum w)^2 / sum w^2, more than the point's own 10");
    }
}
