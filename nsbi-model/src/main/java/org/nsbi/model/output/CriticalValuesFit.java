package org.nsbi.model.output;

import java.util.ArrayList;
import java.util.List;
import org.nsbi.stats.adaptive.CriticalValueCurve;
import org.nsbi.stats.adaptive.SmoothCriticalValue;
import org.nsbi.stats.adaptive.SmoothCriticalValues;
import org.nsbi.stats.belt.Belt;
import org.nsbi.stats.belt.BeltPoint;

/**
 * critical-values.json of a Neyman run with smooth critical values: per confidence level, the fit of t_c(&mu;) across
 * the grid, the per-point order statistics beside it, and the held-out check.
 *
 * @param form    the fitted form of t_c(&mu;)
 * @param method  how it was fitted
 * @param heldOut how the held-out check splits the toys and what it compares
 * @param levels  one entry per confidence level
 */
public record CriticalValuesFit(String form, String method, String heldOut, List<Level> levels) {

    public CriticalValuesFit {
        levels = List.copyOf(levels);
    }

    /**
     * The fit at one level.
     *
     * @param a              the constant of {@link SmoothCriticalValues#FORM}; null for the local form (its curve is
     *                       the points' tCritFit, linear between them)
     * @param b              its coefficient of &radic;&mu; (null for the local form)
     * @param c              its coefficient of &mu; (null for the local form)
     * @param points         the grid points
     * @param heldOutChi2    &Sigma; z&sup2; of the held-out check over the points
     * @param heldOutDof     the points with held-out toys
     * @param heldOutPValue  P(&Sigma; z&sup2; &ge; heldOutChi2) for a right fit, by simulation (HeldOutNull)
     * @param withinMcError  heldOutPValue &ge; {@link SmoothCriticalValues#P_MIN}: the form describes the toys
     */
    public record Level(double cl, Double a, Double b, Double c, List<Point> points, double heldOutChi2, int heldOutDof,
                        double heldOutPValue, boolean withinMcError) {

        public Level {
            points = List.copyOf(points);
        }
    }

    /**
     * One grid point at one level.
     *
     * @param tCritFit        the fitted t_c (what belts.csv's t_crit holds)
     * @param tCritPoint      the point's own order statistic of rank &lceil;CL&middot;(N+1)&rceil; (+&infin; with too few toys)
     * @param tCritPointLo    its Monte Carlo band, low end
     * @param tCritPointHi    its Monte Carlo band, high end
     * @param nToys           the point's toys
     * @param heldOutToys     the toys of odd index at the point (held out of the check's fit)
     * @param heldOutCovered  the fraction of them with t &le; the check's fit
     * @param heldOutZ        its z-score against CL
     * @param effectiveToys   the toys whose plain quantile is as precise as the fitted t_c here
     *                        ({@link CriticalValueCurve#effectiveToys}): what the belt's Monte Carlo error in a coverage
     *                        check counts, in place of nToys
     */
    public record Point(double mu, double tCritFit, double tCritPoint, double tCritPointLo, double tCritPointHi, int nToys,
                        int heldOutToys, double heldOutCovered, double heldOutZ, double effectiveToys) {
    }

    /**
     * The toys behind the fitted t_c at each grid point and level ({@link Point#effectiveToys}, rounded down), for the
     * belt's Monte Carlo error of a coverage check: [grid point][level, in the order of the levels].
     */
    public int[][] effectiveToys() {
        int points = levels.get(0).points().size();
        int[][] n = new int[points][levels.size()];
        for (int c = 0; c < levels.size(); c++) {
            for (int m = 0; m < points; m++) {
                n[m][c] = (int) Math.floor(levels.get(c).points().get(m).effectiveToys());
            }
        }
        return n;
    }

    /** The record of a fit, with the per-point order statistics of {@code perPoint} (the belt without the fit). */
    public static CriticalValuesFit of(SmoothCriticalValues s, Belt perPoint) {
        List<Level> levels = new ArrayList<>();
        double[] grid = perPoint.muGrid();
        int total = 0;
        for (int m = 0; m < grid.length; m++) {
            total += perPoint.point(m, perPoint.cls().get(0)).nToys();
        }
        for (int c = 0; c < s.fits().size(); c++) {
            CriticalValueCurve f = s.fits().get(c);
            SmoothCriticalValues.Check check = s.checks().get(c);
            List<Point> points = new ArrayList<>();
            for (int m = 0; m < grid.length; m++) {
                BeltPoint p = perPoint.point(m, f.cl());
                SmoothCriticalValue.HeldOut h = check.points().get(m);
                points.add(new Point(grid[m], f.at(grid[m]), p.tCrit(), p.tCritLo(), p.tCritHi(), p.nToys(), h.toys(),
                        h.covered(), h.z(), f.effectiveToys(m, total)));
            }
            SmoothCriticalValue sqrt = f instanceof SmoothCriticalValue v ? v : null;
            levels.add(new Level(f.cl(), sqrt == null ? null : sqrt.a(), sqrt == null ? null : sqrt.b(),
                    sqrt == null ? null : sqrt.c(), points, check.chi2(), check.dof(), check.pValue(),
                    check.withinMonteCarloError()));
        }
        return new CriticalValuesFit(s.form().description(), s.form().method(),
                "the form fitted on the toys of even index; at each point the fraction of its odd-index toys with t <= that"
                + " fit, z-score with sqrt(CL(1-CL)(1/n + 1/N_eff)), N_eff = N_fit/3 for the sqrt form, the weighted toys of"
                + " the point's window for the local form; chi2 = sum of z^2, its p-value from the statistic's simulated"
                + " distribution for a right fit (each point's coverage Beta(CL N_eff, (1-CL) N_eff), its held-out toys"
                + " binomial), p >= " + SmoothCriticalValues.P_MIN + " within Monte Carlo error", levels);
    }
}
