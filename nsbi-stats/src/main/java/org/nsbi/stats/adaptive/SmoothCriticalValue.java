package org.nsbi.stats.adaptive;

import java.util.List;
import org.apache.commons.math3.analysis.MultivariateFunction;
import org.apache.commons.math3.optim.InitialGuess;
import org.apache.commons.math3.optim.MaxEval;
import org.apache.commons.math3.optim.PointValuePair;
import org.apache.commons.math3.optim.nonlinear.scalar.GoalType;
import org.apache.commons.math3.optim.nonlinear.scalar.ObjectiveFunction;
import org.apache.commons.math3.optim.nonlinear.scalar.noderiv.NelderMeadSimplex;
import org.apache.commons.math3.optim.nonlinear.scalar.noderiv.SimplexOptimizer;
import org.nsbi.stats.toys.ToyOutcome;

/**
 * t_c(&mu;) across the grid at one confidence level by quantile regression: t_c(&mu;) = a + b&radic;&mu; + c&middot;&mu; minimises the
 * pinball loss &Sigma; &rho;_CL(t_i &minus; t_c(&mu;_i)) over the toys of every point (&rho;_&tau;(u) = &tau;u for u &ge; 0, (&tau;&minus;1)u below), so
 * every point's toys inform its neighbours' critical values. A failed toy (t = +&infin;) lies above any fit: it adds
 * &minus;CL&middot;t_c(&mu;_i) to the loss (its infinite constant dropped), exactly its pull on the minimum. Minimised by Commons
 * Math's Nelder&ndash;Mead from the least-squares fit of the per-point empirical quantiles, restarted until it no
 * longer improves.
 *
 * @param a the constant term
 * @param b the coefficient of &radic;&mu;
 * @param c the coefficient of &mu;
 */
public record SmoothCriticalValue(double cl, double a, double b, double c) implements CriticalValueCurve {

    /** The fitted t_c at &mu; (&mu; &ge; 0). */
    @Override
    public double at(double mu) {
        return a + b * Math.sqrt(mu) + c * mu;
    }

    /** Three parameters from every toy: about a quantile of a third of them. */
    @Override
    public double effectiveToys(int m, int totalToys) {
        return totalToys / 3.0;
    }

    /** Fits the toys (of any points; each toy's &mu; is its muTrue) at level cl. */
    public static SmoothCriticalValue fit(List<ToyOutcome> toys, double cl) {
        if (!(cl > 0 && cl < 1)) {
            throw new IllegalArgumentException("confidence level " + cl + "; expected a value in (0, 1)");
        }
        if (toys.isEmpty()) {
            throw new IllegalArgumentException("no toys to fit a critical value to");
        }
        int n = toys.size();
        double[] s = new double[n];
        double[] mu = new double[n];
        double[] t = new double[n];
        for (int i = 0; i < n; i++) {
            ToyOutcome o = toys.get(i);
            if (o.muTrue() < 0) {
                throw new IllegalArgumentException("mu = " + o.muTrue() + "; the smooth form in sqrt(mu) needs mu >= 0");
            }
            mu[i] = o.muTrue();
            s[i] = Math.sqrt(o.muTrue());
            t[i] = o.converged() ? o.t() : Double.POSITIVE_INFINITY;
        }
        MultivariateFunction loss = p -> pinball(p, s, mu, t, cl);
        double scale = 0;
        for (double v : t) {
            if (Double.isFinite(v)) {
                scale = Math.max(scale, Math.abs(v));
            }
        }
        double step = Math.max(scale, 1e-3) * 0.1;
        double[] start = {quantile(t, cl), 0, 0};
        SimplexOptimizer optimizer = new SimplexOptimizer(1e-12, 1e-12);
        PointValuePair best = new PointValuePair(start, loss.value(start));
        for (int restart = 0; restart < 20; restart++) {
            PointValuePair p = optimizer.optimize(new MaxEval(20_000), new ObjectiveFunction(loss), GoalType.MINIMIZE,
                    new InitialGuess(best.getPoint()), new NelderMeadSimplex(new double[] {step, step, step}));
            if (p.getValue() >= best.getValue() - 1e-12 * Math.max(1, Math.abs(best.getValue()))) {
                break;
            }
            best = p;
        }
        double[] x = best.getPoint();
        return new SmoothCriticalValue(cl, x[0], x[1], x[2]);
    }

    /** The pinball loss of the parameters (a, b, c); failed toys contribute &minus;CL&middot;fit. */
    static double pinball(double[] p, double[] s, double[] mu, double[] t, double cl) {
        double sum = 0;
        for (int i = 0; i < t.length; i++) {
            double f = p[0] + p[1] * s[i] + p[2] * mu[i];
            if (t[i] == Double.POSITIVE_INFINITY) {
                sum -= cl * f;
            } else {
                double u = t[i] - f;
                sum += u >= 0 ? cl * u : (cl - 1) * u;
            }
        }
        return sum;
    }

    private static double quantile(double[] t, double cl) {
        double[] sorted = t.clone();
        java.util.Arrays.sort(sorted);
        double q = sorted[Math.min(sorted.length - 1, (int) Math.ceil(cl * sorted.length) - 1)];
        return Double.isFinite(q) ? q : 0;
    }

    /**
     * The held-out check at one point ({@link SmoothCriticalValues.Check}): of the toys not used in the fit, the fraction
     * with t &le; t_c(&mu;), and its z-score against CL.
     */
    public record HeldOut(double mu, int toys, double covered, double z) {
    }
}
