package org.nsbi.stats.adaptive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
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
import org.nsbi.stats.toys.ToyOutcome;

/** Quantile regression of t_c(mu) against exact answers: the empirical quantile, a linear program, a known quantile curve. */
class SmoothCriticalValueTest {

    private static final double[] GRID = {0.0, 0.25, 1.0, 2.25, 4.0};

    /** t = (1 + sqrt(mu)) * Exp(1): the CL-quantile is -ln(1 - CL) * (1 + sqrt(mu)), a curve of the fitted form. */
    private static List<ToyOutcome> exponentialToys(int perPoint, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        List<ToyOutcome> toys = new ArrayList<>();
        for (int m = 0; m < GRID.length; m++) {
            for (int i = 0; i < perPoint; i++) {
                double t = -Math.log(1 - rng.nextDouble()) * (1 + Math.sqrt(GRID[m]));
                toys.add(new ToyOutcome(m, GRID[m], i, t, 0, new double[0], true, null, 1, null, false));
            }
        }
        return toys;
    }

    @Test
    void atOnePointTheFitIsTheEmpiricalQuantile() {
        List<ToyOutcome> toys = exponentialToys(101, 3).stream().filter(o -> o.muTrue() == 0).toList();
        double[] t = toys.stream().mapToDouble(ToyOutcome::t).sorted().toArray();
        SmoothCriticalValue f = SmoothCriticalValue.fit(toys, 0.9);
        // 0.9 * 101 = 90.9: the pinball loss is minimal at the 91st smallest, uniquely
        assertEquals(t[90], f.at(0), 1e-6 * t[90]);
    }

    @Test
    void theFitReachesTheLinearProgramsOptimum() {
        List<ToyOutcome> toys = exponentialToys(12, 5);
        double cl = 0.6827;
        SmoothCriticalValue f = SmoothCriticalValue.fit(toys, cl);
        int n = toys.size();
        // variables: a+, a-, b+, b-, c+, c-, u_1..u_n, v_1..v_n >= 0; a + b sqrt(mu_i) + c mu_i + u_i - v_i = t_i
        double[] cost = new double[6 + 2 * n];
        Collection<LinearConstraint> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ToyOutcome o = toys.get(i);
            double[] row = new double[cost.length];
            double s = Math.sqrt(o.muTrue());
            double[] x = {1, -1, s, -s, o.muTrue(), -o.muTrue()};
            System.arraycopy(x, 0, row, 0, 6);
            row[6 + i] = 1;
            row[6 + n + i] = -1;
            rows.add(new LinearConstraint(row, Relationship.EQ, o.t()));
            cost[6 + i] = cl;
            cost[6 + n + i] = 1 - cl;
        }
        PointValuePair lp = new SimplexSolver().optimize(new MaxIter(100_000), new LinearObjectiveFunction(cost, 0),
                new LinearConstraintSet(rows), GoalType.MINIMIZE, new NonNegativeConstraint(true));
        double[] p = {f.a(), f.b(), f.c()};
        double[] s = toys.stream().mapToDouble(o -> Math.sqrt(o.muTrue())).toArray();
        double[] mu = toys.stream().mapToDouble(ToyOutcome::muTrue).toArray();
        double[] t = toys.stream().mapToDouble(ToyOutcome::t).toArray();
        double ours = SmoothCriticalValue.pinball(p, s, mu, t, cl);
        assertEquals(lp.getValue(), ours, 1e-6 * lp.getValue(), "Nelder-Mead reaches the LP's minimum: " + Arrays.toString(p));
    }

    @Test
    void aKnownQuantileCurveIsRecoveredAndHeldOutToysAreCoveredWithinMonteCarloError() {
        double cl = 0.9;
        List<ToyOutcome> toys = exponentialToys(2000, 7);
        SmoothCriticalValue f = SmoothCriticalValue.fit(toys, cl);
        double q = -Math.log(1 - cl);
        for (double mu : GRID) {
            // 10000 toys: the fitted curve is within a few percent of the exact quantile
            assertEquals(q * (1 + Math.sqrt(mu)), f.at(mu), 0.05 * q * (1 + Math.sqrt(mu)), "mu = " + mu);
        }
        SmoothCriticalValues.Check check = SmoothCriticalValues.fit(GRID, toys, List.of(cl), SmoothCriticalValues.Form.SQRT).checks().get(0);
        for (SmoothCriticalValue.HeldOut h : check.points()) {
            assertEquals(1000, h.toys());
            assertTrue(Math.abs(h.z()) < 3.5, "held-out coverage " + h.covered() + " at mu = " + h.mu() + " (z = " + h.z() + ")");
        }
        assertTrue(check.withinMonteCarloError(), "chi2 " + check.chi2() + " for " + check.dof() + " points");
    }

    @Test
    void failedToysPullTheFitUpAsToysAboveEveryValueWould() {
        List<ToyOutcome> toys = new ArrayList<>(exponentialToys(60, 9));
        List<ToyOutcome> failed = new ArrayList<>();
        List<ToyOutcome> huge = new ArrayList<>();
        for (ToyOutcome o : toys) {
            boolean fail = o.toyIndex() % 7 == 0;
            failed.add(fail ? new ToyOutcome(o.muIndex(), o.muTrue(), o.toyIndex(), Double.NaN, Double.NaN, new double[0],
                    false, "failed", 1, "error", false) : o);
            huge.add(fail ? new ToyOutcome(o.muIndex(), o.muTrue(), o.toyIndex(), 1e6, 0, new double[0], true, null, 1, null, false) : o);
        }
        SmoothCriticalValue a = SmoothCriticalValue.fit(failed, 0.6827);
        SmoothCriticalValue b = SmoothCriticalValue.fit(huge, 0.6827);
        // the loss with the failed toys at +inf (infinite constant dropped) is the same at both minima: a finite toy
        // above every fitted value pulls exactly as a failed one
        double[] s = failed.stream().mapToDouble(o -> Math.sqrt(o.muTrue())).toArray();
        double[] mu = failed.stream().mapToDouble(ToyOutcome::muTrue).toArray();
        double[] t = failed.stream().mapToDouble(o -> o.converged() ? o.t() : Double.POSITIVE_INFINITY).toArray();
        double la = SmoothCriticalValue.pinball(new double[] {a.a(), a.b(), a.c()}, s, mu, t, 0.6827);
        double lb = SmoothCriticalValue.pinball(new double[] {b.a(), b.b(), b.c()}, s, mu, t, 0.6827);
        assertEquals(lb, la, 1e-6 * Math.abs(lb));
        assertTrue(a.at(1.0) > SmoothCriticalValue.fit(toys, 0.6827).at(1.0), "failed toys raise t_c");
    }
}
