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
     * Random events for a model: ratios chosen so that the mixture density is positive for all mu >= 0
     * (r_SBI large against r_S + r_B), shape ratios in [0.7, 1.4].
     */
    public static EventTable randomEvents(MixtureModel model, int n, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        int nc = model.processCount();
        int nk = model.nuisanceCount();
        float[] w = new float[n];
        float[][] r = new float[nc][n];
        float[][][] up = new float[nc][nk][];
        float[][][] down = new float[nc][nk][];
        for (int c = 0; c < nc; c++) {
            for (int k = 0; k < nk; k++) {
                if (model.process(c).shape()[k]) {
                    up[c][k] = new float[n];
                    down[c][k] = new float[n];
                }
            }
        }
        for (int i = 0; i < n; i++) {
            w[i] = 1f;
            for (int c = 0; c < nc; c++) {
                r[c][i] = (float) (0.3 + 1.5 * rng.nextDouble());
                for (int k = 0; k < nk; k++) {
                    if (up[c][k] != null) {
                        up[c][k][i] = (float) (0.7 + 0.7 * rng.nextDouble());
                        down[c][k][i] = (float) (0.7 + 0.7 * rng.nextDouble());
                    }
                }
            }
        }
        return EventTable.of(model, w, r, up, down);
    }
}
