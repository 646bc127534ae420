package org.nsbi.stats.adaptive;

import java.util.ArrayList;
import java.util.List;
import org.nsbi.stats.belt.Belt;
import org.nsbi.stats.toys.ToyOutcome;

/**
 * Smooth critical values of a Neyman construction: at each confidence level, t_c(&mu;) fitted across the grid by
 * quantile regression over the toys of several points ({@link Form}), with its held-out check, and the belt that uses
 * them ({@link #belt}).
 *
 * <p>The held-out check ({@link Check}): the same form fitted on the toys of even index only, and at every point the
 * fraction of its odd-index toys with t &le; that fit, against CL. Its z-score divides by
 * &radic;(CL(1&minus;CL)(1/n_i + 1/N_eff)): the binomial error of the n_i held-out toys, and the fit's own noise, that of a
 * quantile of N_eff toys ({@link CriticalValueCurve#effectiveToys}: N_fit / 3 for three parameters from N_fit toys; the
 * weighted toys of the point's window for the local fit). The form holds within Monte Carlo error when
 * &chi;&sup2; = &Sigma; z&sup2; over the points is not beyond the 99th percentile of its distribution for a right fit
 * (p &ge; {@value #P_MIN}), simulated ({@link HeldOutNull}): with a few held-out toys in the far tail that distribution
 * has a far longer tail than &chi;&sup2;_dof.
 *
 * @param form   how the curves were fitted
 * @param fits   one fit per level, in the order of the levels, on every toy
 * @param checks one held-out check per level
 */
public record SmoothCriticalValues(Form form, List<CriticalValueCurve> fits, List<Check> checks) {

    /** The smallest p-value of the held-out &chi;&sup2; at which the form is accepted. */
    public static final double P_MIN = 0.01;

    /** The form fitted by {@link Form#SQRT}, in words. */
    public static final String FORM = "a + b*sqrt(mu) + c*mu";

    /** How t_c(&mu;) is fitted across the grid. */
    public enum Form {
        /** Local linear quantile regression at each grid point over it and three neighbours on each side ({@link LocalCriticalValue}). */
        LOCAL("local linear in mu over 7 grid points, weights 1, 3/4, 1/2, 1/4 by grid distance; linear between grid"
                + " points", "quantile regression: at each grid point the weighted pinball loss at CL over the toys of the points"
                        + " within three grid steps (failed toys above any value; a point whose toys sit on mu_hat = mu_true"
                        + " has an atom at t = 0 and is fitted alone), minimised exactly over the local slope"),
        /** One curve a + b&radic;&mu; + c&middot;&mu; over every toy ({@link SmoothCriticalValue}). */
        SQRT(FORM, "quantile regression: the pinball loss at CL over every toy of every grid point (failed toys above any"
                + " value), minimised by Nelder-Mead");

        private final String description;
        private final String method;

        Form(String description, String method) {
            this.description = description;
            this.method = method;
        }

        /** The fitted form in words (for the outputs). */
        public String description() {
            return description;
        }

        /** How it is fitted, in words. */
        public String method() {
            return method;
        }

        /** The curve of this form through the toys of a grid at level cl. */
        public CriticalValueCurve fit(double[] grid, List<ToyOutcome> toys, double cl) {
            return this == LOCAL ? LocalCriticalValue.fit(grid, toys, cl) : SmoothCriticalValue.fit(toys, cl);
        }

        /** The form named on the command line (local, sqrt). */
        public static Form parse(String name) {
            for (Form f : values()) {
                if (f.name().equalsIgnoreCase(name)) {
                    return f;
                }
            }
            throw new IllegalArgumentException("smooth critical values form '" + name + "'; expected local or sqrt");
        }
    }

    public SmoothCriticalValues {
        fits = List.copyOf(fits);
        checks = List.copyOf(checks);
    }

    /**
     * The held-out check at one level.
     *
     * @param points per grid point, the held-out toys, the fraction covered by the fit on the others and its z-score
     * @param chi2   &Sigma; z&sup2; over the points with held-out toys
     * @param dof    the number of those points
     * @param pValue P(&Sigma; z&sup2; &ge; chi2) for a right fit ({@link HeldOutNull})
     */
    public record Check(double cl, List<SmoothCriticalValue.HeldOut> points, double chi2, int dof, double pValue) {

        public Check {
            points = List.copyOf(points);
        }

        /** True when the held-out coverage agrees with CL within Monte Carlo error (p &ge; {@value #P_MIN}). */
        public boolean withinMonteCarloError() {
            return pValue >= P_MIN;
        }
    }

    /**
     * Fits every level on the toys of a grid (point m's toys have muIndex m) in the given form and checks each on
     * held-out toys.
     */
    public static SmoothCriticalValues fit(double[] grid, List<ToyOutcome> toys, List<Double> cls, Form form) {
        List<CriticalValueCurve> fits = new ArrayList<>();
        List<Check> checks = new ArrayList<>();
        for (double cl : cls) {
            fits.add(form.fit(grid, toys, cl));
            checks.add(check(grid, toys, cl, form));
        }
        return new SmoothCriticalValues(form, fits, checks);
    }

    private static Check check(double[] grid, List<ToyOutcome> toys, double cl, Form form) {
        List<ToyOutcome> train = toys.stream().filter(o -> o.toyIndex() % 2 == 0).toList();
        CriticalValueCurve fit = form.fit(grid, train, cl);
        List<SmoothCriticalValue.HeldOut> points = new ArrayList<>();
        double chi2 = 0;
        int dof = 0;
        int[] heldOut = new int[grid.length];
        double[] effective = new double[grid.length];
        for (int m = 0; m < grid.length; m++) {
            int n = 0;
            int in = 0;
            double tc = fit.at(grid[m]);
            for (ToyOutcome o : toys) {
                if (o.muIndex() == m && o.toyIndex() % 2 == 1) {
                    n++;
                    in += o.converged() && o.t() <= tc ? 1 : 0;
                }
            }
            heldOut[m] = n;
            effective[m] = fit.effectiveToys(m, train.size());
            double covered = n == 0 ? Double.NaN : in / (double) n;
            double z = n == 0 ? Double.NaN
                    : (covered - cl) / Math.sqrt(cl * (1 - cl) * (1.0 / n + 1.0 / effective[m]));
            if (n > 0) {
                chi2 += z * z;
                dof++;
            }
            points.add(new SmoothCriticalValue.HeldOut(grid[m], n, covered, z));
        }
        double p = dof == 0 ? Double.NaN : HeldOutNull.pValue(chi2, heldOut, effective, cl);
        return new Check(cl, points, chi2, dof, p);
    }

    /** The fitted t_c at a level (one of those fitted) and &mu;. */
    public double at(double cl, double mu) {
        for (CriticalValueCurve f : fits) {
            if (f.cl() == cl) {
                return f.at(mu);
            }
        }
        throw new IllegalArgumentException("confidence level " + cl + " was not fitted; the fits are at "
                + fits.stream().map(CriticalValueCurve::cl).toList());
    }

    /** The belt of the toys with these critical values ({@link Belt#build(double[], List, List, java.util.function.DoubleBinaryOperator)}). */
    public Belt belt(double[] grid, List<ToyOutcome> toys, List<Double> cls) {
        return Belt.build(grid, toys, cls, this::at);
    }

    /** The levels whose held-out check fails, for a warning; empty when the form holds at every level. */
    public List<String> warnings() {
        List<String> w = new ArrayList<>();
        for (Check c : checks) {
            if (!c.withinMonteCarloError()) {
                w.add(String.format(java.util.Locale.ROOT, "the smooth critical values at CL %s miss held-out toys beyond"
                        + " Monte Carlo error (chi2 %.1f for %d points, p = %.2g): the form (%s) does not describe"
                        + " t_c(mu) here; use the per-point critical values (without --smooth-critical-values) or more toys",
                        c.cl(), c.chi2(), c.dof(), c.pValue(), form.description()));
            }
        }
        return w;
    }
}
