package org.nsbi.stats.belt;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;
import org.nsbi.stats.toys.ToyOutcome;

/**
 * Confidence belts over a &mu; grid at several confidence levels: for each (&mu;, CL) a {@link BeltPoint}.
 * {@link #criticalValue(double, double)} interpolates t_c linearly between grid points, which is how
 * the observed interval {&mu; : t_obs(&mu;) &le; t_c(&mu;)} is read between them.
 */
public final class Belt {

    private final double[] muGrid;
    private final List<Double> cls;
    private final List<BeltPoint> points; // grid-major: points.get(m * cls.size() + c)

    private Belt(double[] muGrid, List<Double> cls, List<BeltPoint> points) {
        this.muGrid = muGrid;
        this.cls = List.copyOf(cls);
        this.points = List.copyOf(points);
    }

    /** The belts of toy outcomes; {@code outcomes} may be in any order. */
    public static Belt build(double[] muGrid, List<ToyOutcome> outcomes, List<Double> cls) {
        return build(muGrid, outcomes, cls, null);
    }

    /**
     * The belts of toy outcomes with the critical values of a fit across the grid (e.g. smooth ones, by quantile
     * regression) in place of each point's order statistic: t_crit is {@code fitted}(CL, &mu;), and the acceptance region
     * in &mu;&#770; is read with it; the band t_crit_lo/hi stays the point's own order-statistic band, and a point is
     * never "too few toys" (the fit holds at every &mu;).
     *
     * @param fitted (CL, &mu;) &rarr; t_c; null for the points' own order statistics
     */
    public static Belt build(double[] muGrid, List<ToyOutcome> outcomes, List<Double> cls,
                             java.util.function.DoubleBinaryOperator fitted) {
        checkGrid(muGrid);
        List<List<ToyOutcome>> byPoint = new ArrayList<>();
        for (int m = 0; m < muGrid.length; m++) {
            byPoint.add(new ArrayList<>());
        }
        for (ToyOutcome o : outcomes) {
            if (o.muIndex() < 0 || o.muIndex() >= muGrid.length) {
                throw new IllegalArgumentException("toy " + o.toyIndex() + " belongs to grid point " + o.muIndex()
                        + "; the grid has " + muGrid.length + " points");
            }
            byPoint.get(o.muIndex()).add(o);
        }
        List<BeltPoint> points = new ArrayList<>();
        for (int m = 0; m < muGrid.length; m++) {
            List<ToyOutcome> toys = byPoint.get(m);
            if (toys.isEmpty()) {
                throw new IllegalArgumentException("no toys at mu = " + muGrid[m] + "; expected toys at every grid point");
            }
            double[] t = toys.stream().filter(ToyOutcome::converged).mapToDouble(ToyOutcome::t).toArray();
            int failed = toys.size() - t.length;
            int atBound = (int) toys.stream().filter(ToyOutcome::atBound).count();
            for (double cl : cls) {
                CriticalValue cv = CriticalValue.of(t, failed, cl);
                double tCrit = fitted == null ? cv.t() : fitted.applyAsDouble(cl, muGrid[m]);
                double lo = Double.NaN;
                double hi = Double.NaN;
                for (ToyOutcome o : toys) {
                    if (o.converged() && o.t() <= tCrit) {
                        lo = Double.isNaN(lo) ? o.muHat() : Math.min(lo, o.muHat());
                        hi = Double.isNaN(hi) ? o.muHat() : Math.max(hi, o.muHat());
                    }
                }
                points.add(new BeltPoint(muGrid[m], cl, tCrit, cv.lo(), cv.hi(), toys.size(), failed, lo, hi,
                        fitted == null && cv.tooFewToys(), atBound));
            }
        }
        return new Belt(muGrid.clone(), cls, points);
    }

    private static void checkGrid(double[] grid) {
        if (grid.length == 0) {
            throw new IllegalArgumentException("the mu grid is empty; expected at least one point");
        }
        for (int i = 1; i < grid.length; i++) {
            if (!(grid[i] > grid[i - 1])) {
                throw new IllegalArgumentException("the mu grid must increase, but " + grid[i] + " follows " + grid[i - 1]);
            }
        }
    }

    public double[] muGrid() {
        return muGrid.clone();
    }

    public List<Double> cls() {
        return cls;
    }

    public List<BeltPoint> points() {
        return points;
    }

    /** The point at grid index m and confidence level cl (one of {@link #cls()}). */
    public BeltPoint point(int m, double cl) {
        int c = cls.indexOf(cl);
        if (c < 0) {
            throw new IllegalArgumentException("confidence level " + cl + " is not in the belt " + cls);
        }
        return points.get(m * cls.size() + c);
    }

    /** Toys at grid point m whose conditional or global fit ended with a nuisance parameter on a bound. */
    public int atBoundAt(int m) {
        return points.get(m * cls.size()).nAtBound();
    }

    /** Failed toys at grid point m. */
    public int failedAt(int m) {
        return points.get(m * cls.size()).nFailed();
    }

    /** t_c(&mu;) at a level of the belt, linear between grid points; +&infin; where a neighbour's is. */
    public double criticalValue(double cl, double mu) {
        if (!(mu >= muGrid[0] && mu <= muGrid[muGrid.length - 1])) {
            throw new IllegalArgumentException("mu = " + mu + " is outside the belt's grid [" + muGrid[0] + ", "
                    + muGrid[muGrid.length - 1] + "]");
        }
        int i = Arrays.binarySearch(muGrid, mu);
        if (i >= 0) {
            return point(i, cl).tCrit();
        }
        int hi = -i - 1;
        int lo = hi - 1;
        double a = point(lo, cl).tCrit();
        double b = point(hi, cl).tCrit();
        if (Double.isInfinite(a) || Double.isInfinite(b)) {
            return Double.POSITIVE_INFINITY;
        }
        double f = (mu - muGrid[lo]) / (muGrid[hi] - muGrid[lo]);
        return a + f * (b - a);
    }

    /** belts.csv: a header and one line per (&mu;, CL). */
    public String toCsv() {
        StringBuilder sb = new StringBuilder(BeltPoint.CSV_HEADER).append('\n');
        for (BeltPoint p : points) {
            sb.append(p.toCsv()).append('\n');
        }
        return sb.toString();
    }

    /** Reads belts.csv back; {@code source} names the file in messages. */
    public static Belt fromCsv(String text, String source) {
        String[] lines = text.strip().split("\r?\n");
        if (lines.length == 0 || !lines[0].strip().equals(BeltPoint.CSV_HEADER)) {
            throw new IllegalArgumentException(source + ": expected the header " + BeltPoint.CSV_HEADER + ", found '"
                    + (lines.length == 0 ? "" : lines[0]) + "'");
        }
        List<BeltPoint> points = new ArrayList<>();
        TreeSet<Double> mus = new TreeSet<>();
        List<Double> cls = new ArrayList<>();
        for (int i = 1; i < lines.length; i++) {
            BeltPoint p = BeltPoint.fromCsv(lines[i].strip(), i + 1, source);
            points.add(p);
            mus.add(p.mu());
            if (!cls.contains(p.cl())) {
                cls.add(p.cl());
            }
        }
        double[] grid = mus.stream().mapToDouble(Double::doubleValue).toArray();
        if (points.size() != grid.length * cls.size()) {
            throw new IllegalArgumentException(source + ": " + points.size() + " rows for " + grid.length + " mu values and "
                    + cls.size() + " confidence levels; expected one row per pair");
        }
        points.sort((a, b) -> a.mu() != b.mu() ? Double.compare(a.mu(), b.mu()) : Integer.compare(cls.indexOf(a.cl()), cls.indexOf(b.cl())));
        checkGrid(grid);
        return new Belt(grid, cls, points);
    }
}
