package org.nsbi.stats.likelihood;

import java.util.List;
import java.util.SplittableRandom;
import org.nsbi.stats.expr.Coefficient;
import org.nsbi.stats.model.EventTable;
import org.nsbi.stats.model.MixtureModel;
import org.nsbi.stats.model.Process;

/** Models and event tables for tests. */
public final class TestModels {

    private TestModels() {
    }

    /**
     * The off-shell-like model of the issue: 4 processes with f = mu - sqrt(mu), sqrt(mu), 1 - sqrt(mu), 1 and
     * 3 nuisance parameters (one on every process with yield and shape, one yield-only on the last, one
     * shape-only on the last).
     */
    public static MixtureModel offshellLike() {
        List<String> nps = List.of("scale", "norm", "shape");
        return MixtureModel.of(List.of(
                new Process("S", 35, Coefficient.parse("mu - sqrt(mu)"), new double[] {1.01, 1, 1}, new double[] {0.99, 1, 1},
                        new boolean[] {true, false, false}),
                new Process("SBI", 142, Coefficient.parse("sqrt(mu)"), new double[] {1.04, 1, 1}, new double[] {0.96, 1, 1},
                        new boolean[] {true, false, false}),
                new Process("B", 150, Coefficient.parse("1 - sqrt(mu)"), new double[] {1.02, 1, 1}, new double[] {0.98, 1, 1},
                        new boolean[] {true, false, false}),
                new Process("NI", 400, Coefficient.parse("1"), new double[] {1.02, 1.10, 1}, new double[] {0.98, 0.92, 1},
                        new boolean[] {true, false, true})), nps, "mu", Double.NaN, 10);
    }

    /**
     * Random events for a model, shaped like a calibrated reference sample: weights 1, process ratios
     * normalised so that the mean of r_c is 1 (closure), and shape ratios r&plusmn; = e^(&plusmn;&epsilon;) with
     * events in pairs that share their process ratios and have opposite &epsilon; (|&epsilon;| &lt; 0.05: larger shapes let a loosely constrained parameter buy events for free, primer section 3). Every odd
     * function of &epsilon; then averages to 0, so at &alpha; = 0 the shapes neither gain nor lose events and the
     * Asimov data set at (&mu;, 0) has its NLL stationary exactly at the truth.
     */
    public static EventTable randomEvents(MixtureModel model, int n, long seed) {
        if (n % 2 != 0) {
            throw new IllegalArgumentException("n = " + n + "; expected an even number (events come in pairs)");
        }
        SplittableRandom rng = new SplittableRandom(seed);
        int nc = model.processCount();
        int nk = model.nuisanceCount();
        float[] w = new float[n];
        java.util.Arrays.fill(w, 1f);
        float[][] r = new float[nc][n];
        float[][][] up = new float[nc][nk][];
        float[][][] down = new float[nc][nk][];
        for (int c = 0; c < nc; c++) {
            double[] raw = new double[n];
            double mean = 0;
            for (int i = 0; i < n; i += 2) {
                raw[i] = 0.3 + 1.5 * rng.nextDouble();
                raw[i + 1] = raw[i];
                mean += 2 * raw[i] / n;
            }
            for (int i = 0; i < n; i++) {
                r[c][i] = (float) (raw[i] / mean);
            }
            for (int k = 0; k < nk; k++) {
                if (model.process(c).shape()[k]) {
                    up[c][k] = new float[n];
                    down[c][k] = new float[n];
                    for (int i = 0; i < n; i += 2) {
                        double e = -0.05 + 0.1 * rng.nextDouble();
                        up[c][k][i] = (float) Math.exp(e);
                        down[c][k][i] = (float) Math.exp(-e);
                        up[c][k][i + 1] = (float) Math.exp(-e);
                        down[c][k][i + 1] = (float) Math.exp(e);
                    }
                }
            }
        }
        return EventTable.of(model, w, r, up, down);
    }

    /**
     * The layout of nsbi-model's synthetic analysis (SyntheticAnalysis), with {@code shapes} shape and {@code yields}
     * yield-only parameters: C = 4, &mu; on the signal (process 0) alone, shape parameter j (a shape and a yield factor) on
     * background 1 + j mod 3, yield-only parameter j on processes j mod 4 and (j + 1) mod 4; &kappa;&plusmn; drawn from a
     * fixed seed.
     */
    public static MixtureModel syntheticLike(int shapes, int yields) {
        int nc = 4;
        int k = shapes + yields;
        SplittableRandom rng = new SplittableRandom(29);
        double[][] up = new double[nc][k];
        double[][] down = new double[nc][k];
        boolean[][] shape = new boolean[nc][k];
        for (int c = 0; c < nc; c++) {
            java.util.Arrays.fill(up[c], 1);
            java.util.Arrays.fill(down[c], 1);
        }
        List<String> names = new java.util.ArrayList<>();
        for (int j = 0; j < shapes; j++) {
            int c = 1 + j % 3;
            double d = 0.01 + 0.04 * rng.nextDouble();
            up[c][j] = 1 + d;
            down[c][j] = 1 - d;
            shape[c][j] = true;
            names.add("shape_" + j);
        }
        for (int j = 0; j < yields; j++) {
            double d = 0.01 + 0.09 * rng.nextDouble();
            for (int c : new int[] {j % nc, (j + 1) % nc}) {
                up[c][shapes + j] = 1 + d;
                down[c][shapes + j] = 1 / (1 + 0.95 * d);
            }
            names.add("yield_" + j);
        }
        List<Process> processes = new java.util.ArrayList<>();
        for (int c = 0; c < nc; c++) {
            processes.add(new Process(c == 0 ? "signal" : "background_" + c, c == 0 ? 45 : 100 + 100 * c,
                    Coefficient.parse(c == 0 ? "mu" : "1"), up[c], down[c], shape[c]));
        }
        return MixtureModel.of(processes, names, "mu", 0, 10);
    }
}
