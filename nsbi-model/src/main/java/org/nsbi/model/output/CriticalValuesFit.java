package org.nsbi.model.output;

import java.util.ArrayList;
import java.util.List;
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
     * @param a              the constant of {@link SmoothCriticalValues#FORM}
     * @param b              its coefficient of &radic;&mu;
     * @param c              its coefficient of &mu;
     * @param points         the grid points
     * @param heldOutChi2    &Sigma; z&sup2; of the held-out check over the points
     * @param heldOutDof     the points with held-out toys
     * @param heldOutPValue  P(&chi;&sup2;_dof &ge; heldOutChi2)
     * @param withinMcError  heldOutPValue &ge; {@link SmoothCriticalValues#P_MIN}: the form describes the toys
     */
    public record Level(double cl, double a, double b, double c, List<Point> points, double heldOutChi2, int heldOutDof,
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
     */
    public record Point(double mu, double tCritFit, double tCritPoint, double tCritPointLo, double tCritPointHi, int nToys,
                        int heldOutToys, double heldOutCovered, double heldOutZ) {
    }

    /** The record of a fit, with the per-point order statistics of {@code perPoint} (the belt without the fit). */
    public static CriticalValuesFit of(SmoothCriticalValues s, Belt perPoint) {
        List<Level> levels = new ArrayList<>();
        double[] grid = perPoint.muGrid();
        for (int c = 0; c < s.fits().size(); c++) {
            SmoothCriticalValue f = s.fits().get(c);
            SmoothCriticalValues.Check check = s.checks().get(c);
            List<Point> points = new ArrayList<>();
            for (int m = 0; m < grid.length; m++) {
                BeltPoint p = perPoint.point(m, f.cl());
                SmoothCriticalValue.HeldOut h = check.points().get(m);
                points.add(new Point(grid[m], f.at(grid[m]), p.tCrit(), p.tCritLo(), p.tCritHi(), p.nToys(), h.toys(),
                        h.covered(), h.z()));
            }
            levels.add(new Level(f.cl(), f.a(), f.b(), f.c(), points, check.chi2(), check.dof(), check.pValue(),
                    check.withinMonteCarloError()));
        }
        return new CriticalValuesFit(SmoothCriticalValues.FORM, "quantile regression: the pinball loss at CL over every"
                + " toy of every grid point (failed toys above any value), minimised by Nelder-Mead",
                "the form fitted on the toys of even index; at each point the fraction of its odd-index toys with t <= that"
                + " fit, z-score with sqrt(CL(1-CL)(1/n + 3/N_fit)); chi2 = sum of z^2, p >= " + SmoothCriticalValues.P_MIN
                + " within Monte Carlo error", levels);
    }
}
