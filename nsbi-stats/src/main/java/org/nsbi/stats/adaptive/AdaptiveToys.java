package org.nsbi.stats.adaptive;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.nsbi.stats.toys.ToyOutcome;

/**
 * Toys where the interval is decided: every point starts with {@code minToys}; after each round a point that is
 * not done doubles its toys, up to {@code maxToys}. A point is done when, at every confidence level,
 * <ul>
 *   <li>its critical value is precise: the coverage it delivers scatters by at most {@code targetPrecision}
 *       ({@link OrderStatisticBand#coverageSd}; 0 never stops on precision), or</li>
 *   <li>for every observed data set given (the observed data; the Asimov data in its own run), t_obs(&mu;) lies
 *       outside the order-statistic band of t_c at {@code signif} standard deviations
 *       ({@link OrderStatisticBand#decide}): whether &mu; is in the interval is already certain.</li>
 * </ul>
 * The rounds are n = min, 2&middot;min, 4&middot;min, ... (the last one max), the same for every point, so a point's toys are
 * the first n of its keyed streams for one of these n.
 *
 * <p>With {@code smooth} (for a belt of smooth critical values, {@link SmoothCriticalValues}), both rules use the smooth fit
 * over every toy so far and its bootstrap band ({@link SmoothBand}) instead of the point's own order statistic: precise
 * when the band in coverage probability is at most {@code targetPrecision}, decided when |t_obs &minus; t_c,fit| &gt; signif
 * &middot; sd_boot. Every toy then informs every point's decision, so a
 * point far from the interval's endpoints stops with fewer toys than its own order statistic would need (at 95.45 %,
 * "outside" takes at least 82 toys of the point's own).
 *
 * @param observedT per data set, t(&mu;) at each grid point (may be empty: then only precision stops a point)
 * @param smooth    the form of the smooth critical values whose fit and bootstrap band decide; null: each point's own
 *                  order statistic decides
 */
public record AdaptiveToys(int minToys, int maxToys, double targetPrecision, double signif, List<Double> confidenceLevels,
                           List<double[]> observedT, SmoothCriticalValues.Form smooth) implements ToySchedule {

    /** Decisions on each point's own order statistic. */
    public AdaptiveToys(int minToys, int maxToys, double targetPrecision, double signif, List<Double> confidenceLevels,
                        List<double[]> observedT) {
        this(minToys, maxToys, targetPrecision, signif, confidenceLevels, observedT, null);
    }

    public AdaptiveToys {
        if (minToys < 1 || maxToys < minToys) {
            throw new IllegalArgumentException("--min-toys = " + minToys + ", --max-toys = " + maxToys
                    + "; expected 1 <= min <= max");
        }
        if (!(targetPrecision >= 0 && targetPrecision < 1)) {
            throw new IllegalArgumentException("--target-precision = " + targetPrecision
                    + "; expected a coverage probability in [0, 1) (0: never stop on precision)");
        }
        if (!(signif > 0)) {
            throw new IllegalArgumentException("--signif = " + signif + "; expected a positive number of standard deviations");
        }
        if (confidenceLevels.isEmpty()) {
            throw new IllegalArgumentException("no confidence levels; expected at least one");
        }
        confidenceLevels = List.copyOf(confidenceLevels);
        observedT = List.copyOf(observedT);
    }

    @Override
    public int[] first(int points) {
        for (double[] t : observedT) {
            if (t.length != points) {
                throw new IllegalArgumentException(t.length + " observed t values for " + points + " grid points");
            }
        }
        int[] n = new int[points];
        Arrays.fill(n, minToys);
        return n;
    }

    @Override
    public int[] next(double[] grid, List<ToyOutcome> toys, int[] current) {
        List<List<Double>> byPoint = new ArrayList<>();
        for (int m = 0; m < grid.length; m++) {
            byPoint.add(new ArrayList<>());
        }
        for (ToyOutcome o : toys) {
            if (o.toyIndex() < current[o.muIndex()]) {
                byPoint.get(o.muIndex()).add(o.converged() ? o.t() : Double.POSITIVE_INFINITY);
            }
        }
        List<SmoothBand> bands = smooth != null ? bands(grid, toys, current) : null;
        int levels = confidenceLevels.size();
        int sets = observedT.size();
        boolean[][] precise = new boolean[levels][grid.length];
        int[][][] status = new int[levels][grid.length][sets]; // -1 inside, +1 outside, 0 open
        for (int m = 0; m < grid.length; m++) {
            double[] t = byPoint.get(m).stream().mapToDouble(Double::doubleValue).toArray();
            if (t.length != current[m]) {
                throw new IllegalArgumentException(t.length + " toys at mu = " + grid[m] + "; expected " + current[m]);
            }
            for (int c = 0; c < levels; c++) {
                double cl = confidenceLevels.get(c);
                boolean own = bands == null || bands.get(c).own()[m];
                precise[c][m] = targetPrecision > 0 && (own ? OrderStatisticBand.coverageSd(t.length, cl)
                        : bands.get(c).coverageSd()[m]) <= targetPrecision
                        || !own && bands.get(c).effectiveToys()[m] >= maxToys;
                for (int d = 0; d < sets; d++) {
                    double obs = observedT.get(d)[m];
                    if (own) {
                        OrderStatisticBand.Decision x = OrderStatisticBand.decide(t, obs, cl, signif);
                        status[c][m][d] = x == OrderStatisticBand.Decision.INSIDE ? -1
                                : x == OrderStatisticBand.Decision.OUTSIDE ? 1 : 0;
                    } else {
                        status[c][m][d] = !bands.get(c).decided(m, obs, signif) ? 0 : obs < bands.get(c).tc()[m] ? -1 : 1;
                    }
                }
            }
        }
        int[] next = current.clone();
        for (int m = 0; m < grid.length; m++) {
            if (current[m] < maxToys && !done(precise, status, m)) {
                next[m] = (int) Math.min(maxToys, 2L * current[m]);
            }
        }
        return next;
    }

    /**
     * Point m is done when at every level it is precise, or decided for every data set with neither neighbour
     * decided otherwise: an endpoint between m and a neighbour is read from both points' t_c, so a bracketing point
     * keeps its toys coming however clear its own decision is.
     */
    private static boolean done(boolean[][] precise, int[][][] status, int m) {
        for (int c = 0; c < precise.length; c++) {
            if (precise[c][m]) {
                continue;
            }
            int[] here = status[c][m];
            if (here.length == 0) {
                return false;
            }
            for (int d = 0; d < here.length; d++) {
                if (here[d] == 0) {
                    return false;
                }
                for (int j = m - 1; j <= m + 1; j += 2) {
                    if (j >= 0 && j < status[c].length && status[c][j][d] != here[d]) {
                        return false;
                    }
                }
            }
        }
        return true;
    }


    private List<SmoothBand> bands(double[] grid, List<ToyOutcome> toys, int[] current) {
        List<ToyOutcome> used = toys.stream().filter(o -> o.toyIndex() < current[o.muIndex()]).toList();
        List<SmoothBand> bands = new ArrayList<>();
        for (double cl : confidenceLevels) {
            bands.add(SmoothBand.of(grid, used, cl, smooth));
        }
        return bands;
    }

    /** True when every level is precise or decided at point m by its own order statistic (no neighbours looked at). */
    boolean done(double[] t, int m) {
        for (double cl : confidenceLevels) {
            boolean precise = targetPrecision > 0 && OrderStatisticBand.coverageSd(t.length, cl) <= targetPrecision;
            if (!precise && !decided(t, m, cl)) {
                return false;
            }
        }
        return true;
    }

    private boolean decided(double[] t, int m, double cl) {
        if (observedT.isEmpty()) {
            return false;
        }
        for (double[] obs : observedT) {
            if (OrderStatisticBand.decide(t, obs[m], cl, signif) == OrderStatisticBand.Decision.OPEN) {
                return false;
            }
        }
        return true;
    }

    @Override
    public boolean singleRound() {
        return false;
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder("adaptive min " + minToys + " max " + maxToys + " target_precision "
                + targetPrecision + " signif " + signif + " cls " + confidenceLevels
                + (smooth == null ? "" : smooth == SmoothCriticalValues.Form.SQRT ? " smooth" : " smooth " + smooth));
        for (double[] t : observedT) {
            b.append(" t_obs ").append(Arrays.toString(t));
        }
        return b.toString();
    }
}
