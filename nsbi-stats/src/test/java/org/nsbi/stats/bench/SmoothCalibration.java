package org.nsbi.stats.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.apache.commons.math3.distribution.ChiSquaredDistribution;
import org.nsbi.stats.adaptive.SmoothCriticalValues;
import org.nsbi.stats.toys.ToyOutcome;

/**
 * The smooth critical values (local form) and their held-out check on toys of exactly known quantiles
 * (bench/smooth-calibration.sh): t = (1 + &radic;&mu; / 2)&middot;Exp(1) on the 17-point grid 0, 0.25, ..., 4, whose
 * coverage at any t_c is 1 &minus; exp(&minus;t_c / (1 + &radic;&mu; / 2)). Over repeats with different seeds: the mean coverage of
 * the fitted t_c minus CL (all points, and the points 4..12 away from the grid's edges), and how often the held-out
 * check rejects these right fits at p &lt; {@value SmoothCriticalValues#P_MIN}, with its p-value (the statistic's simulated
 * null) and with the &chi;&sup2;_dof reference it had before.
 *
 * <p>Arguments: REPEATS TOYS..., each TOYS a count per point or 17 comma-separated counts (e.g. an adaptive run's).
 */
public final class SmoothCalibration {

    private static final double[] GRID = new double[17];

    static {
        for (int m = 0; m < GRID.length; m++) {
            GRID[m] = 0.25 * m;
        }
    }

    private SmoothCalibration() {
    }

    private static double scale(double mu) {
        return 1 + Math.sqrt(mu) / 2;
    }

    public static void main(String[] args) {
        int repeats = Integer.parseInt(args[0]);
        List<Double> cls = List.of(0.6827, 0.9545);
        System.out.println("| toys per point | CL | mean coverage - CL (all points) | (points 4-12) | rejected, simulated null"
                + " | rejected, chi2_dof |");
        System.out.println("|---|---|---|---|---|---|");
        for (String spec : Arrays.copyOfRange(args, 1, args.length)) {
            int[] n = new int[GRID.length];
            if (spec.contains(",")) {
                n = Arrays.stream(spec.split(",")).mapToInt(Integer::parseInt).toArray();
            } else {
                Arrays.fill(n, Integer.parseInt(spec));
            }
            if (n.length != GRID.length) {
                throw new IllegalArgumentException("toys " + spec + ": expected one count or " + GRID.length);
            }
            double[] all = new double[cls.size()];
            double[] mid = new double[cls.size()];
            int[] rejected = new int[cls.size()];
            int[] rejectedDof = new int[cls.size()];
            for (int r = 0; r < repeats; r++) {
                SplittableRandom rng = new SplittableRandom(1000 + r);
                List<ToyOutcome> toys = new ArrayList<>();
                for (int m = 0; m < GRID.length; m++) {
                    for (int i = 0; i < n[m]; i++) {
                        double t = -Math.log(1 - rng.nextDouble()) * scale(GRID[m]);
                        toys.add(new ToyOutcome(m, GRID[m], i, t, GRID[m] + 0.01, new double[0], true, null, 1, null,
                                false));
                    }
                }
                SmoothCriticalValues s = SmoothCriticalValues.fit(GRID, toys, cls, SmoothCriticalValues.Form.LOCAL);
                for (int c = 0; c < cls.size(); c++) {
                    for (int m = 0; m < GRID.length; m++) {
                        double coverage = 1 - Math.exp(-s.at(cls.get(c), GRID[m]) / scale(GRID[m]));
                        all[c] += coverage / (GRID.length * repeats);
                        mid[c] += m >= 4 && m <= 12 ? coverage / (9.0 * repeats) : 0;
                    }
                    SmoothCriticalValues.Check check = s.checks().get(c);
                    rejected[c] += check.withinMonteCarloError() ? 0 : 1;
                    double pDof = 1 - new ChiSquaredDistribution(null, check.dof()).cumulativeProbability(check.chi2());
                    rejectedDof[c] += pDof < SmoothCriticalValues.P_MIN ? 1 : 0;
                }
            }
            for (int c = 0; c < cls.size(); c++) {
                System.out.printf(Locale.ROOT, "| %s | %.4f | %+.4f | %+.4f | %d of %d | %d of %d |%n", spec, cls.get(c),
                        all[c] - cls.get(c), mid[c] - cls.get(c), rejected[c], repeats, rejectedDof[c], repeats);
            }
        }
    }
}
