package org.nsbi.model.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nsbi.model.config.AnalysisConfig;
import org.nsbi.model.config.AnalysisConfigParser;
import org.nsbi.model.config.ProcessSpec;
import org.nsbi.model.config.RatioSource;
import org.nsbi.model.config.SystematicEffect;
import org.nsbi.model.fit.BobyqaProfile;
import org.nsbi.model.offshell.OffshellExactRatios;
import org.nsbi.model.offshell.OffshellObservation;
import org.nsbi.model.offshell.OffshellSimulator;
import org.nsbi.model.ratio.FeatureBlock;
import org.nsbi.stats.fit.FitResult;
import org.nsbi.stats.fit.ProfileFitter;
import org.nsbi.stats.fit.TestStatistic;
import org.nsbi.stats.likelihood.Nll;
import org.nsbi.stats.model.EventTable;
import org.nsbi.stats.model.MixtureModel;

/**
 * Nuisance-parameter bounds on the off-shell toy with exact ratios (submit/examples/offshell-toy-exact.yaml).
 */
class NuisanceBoundsTest {

    static final Path EXACT = Path.of("..", "submit", "examples", "offshell-toy-exact.yaml");

    static AnalysisConfig config(String niShapeBounds) throws Exception {
        String yaml = Files.readString(EXACT);
        if (niShapeBounds != null) {
            String marker = "  - name: ni_shape\n";
            assertTrue(yaml.contains(marker));
            yaml = yaml.replace(marker, marker + "    bounds: " + niShapeBounds + "\n");
        }
        return AnalysisConfigParser.withDefaults().parse(yaml, EXACT.toString(), EXACT.toAbsolutePath().getParent().toString());
    }

    /** The observed data set's NLL with the exact ratios of the config. */
    static Nll observedNll(AnalysisConfig config, MixtureModel model, OffshellObservation obs) {
        FeatureBlock x = obs.events().features();
        int n = x.size();
        int nc = model.processCount();
        int nk = model.nuisanceCount();
        float[] w = new float[n];
        java.util.Arrays.fill(w, 1f);
        float[][] r = new float[nc][];
        float[][][] up = new float[nc][nk][];
        float[][][] down = new float[nc][nk][];
        for (int c = 0; c < nc; c++) {
            ProcessSpec p = config.processes().get(c);
            r[c] = exact(p.ratio(), x);
            for (int k = 0; k < nk; k++) {
                for (SystematicEffect e : config.systematics().get(k).effects()) {
                    if (e.process().equals(p.name()) && e.hasShape()) {
                        up[c][k] = exact(e.ratioUp().orElseThrow(), x);
                        down[c][k] = exact(e.ratioDown().orElseThrow(), x);
                    }
                }
            }
        }
        return Nll.of(model, EventTable.of(model, w, r, up, down), null, obs.aux());
    }

    static float[] exact(RatioSource source, FeatureBlock x) {
        double[] out = new double[x.size()];
        OffshellExactRatios.byName(((RatioSource.Exact) source).name()).evaluate(x, out);
        float[] f = new float[out.length];
        for (int i = 0; i < f.length; i++) {
            f[i] = (float) out[i];
        }
        return f;
    }

    /** t(mu) by BOBYQA: the conditional minimum over alpha and the global one over (s = sqrt(mu), alpha). */
    static double independentT(Nll nll, double mu) {
        return BobyqaProfile.of(nll, mu, 0.3, 1, 1.5, 2.5).t();
    }

    /**
     * A data set simulated like the example's observed one (mu = 1, alpha = 0) but with seed 7011, the first seed
     * after the example's 7001 whose conditional fit at mu = 0 wants ni_shape below -5 (since the simulator draws from
     * the toys' keyed stream scheme; the example's own data set did before). With the default bounds the fit must say so (ni_shape on its bound); with
     * {@code bounds: [-10, 10]} for ni_shape in the config, t(mu) must equal an independent minimisation
     * (Commons Math's BOBYQA) to 1e-4, and the default-bounds t(0) differs from it by 1.83: the bound had changed t.
     */
    @Test
    void boundsAreDeclaredInTheConfigFlaggedWhenHitAndWideBoundsGiveTheProfile() throws Exception {
        OffshellObservation obs = OffshellSimulator.observed(1.0, new double[3], 7011);
        TestStatistic ts = TestStatistic.withDefaults();

        AnalysisConfig narrow = config(null);
        MixtureModel narrowModel = AnalysisModel.mixture(narrow);
        assertEquals(-5, narrowModel.alphaLow(2));
        assertEquals(5, narrowModel.alphaHigh(2));
        Nll bounded = observedNll(narrow, narrowModel, obs);
        TestStatistic.Result atBound = ts.at(bounded, 0.0);
        assertTrue(atBound.converged(), atBound.failure());
        assertTrue(atBound.atBound(), "the conditional fit at mu = 0 ends on ni_shape's bound: " + atBound.conditional());
        assertEquals(List.of("ni_shape = -5.0"), atBound.conditional().atBoundNames(narrowModel.nuisances()));

        AnalysisConfig wide = config("[-10, 10]");
        MixtureModel wideModel = AnalysisModel.mixture(wide);
        assertEquals(-10, wideModel.alphaLow(2));
        assertEquals(10, wideModel.alphaHigh(2));
        assertEquals(-5, wideModel.alphaLow(0), "other parameters keep the default");
        Nll nll = observedNll(wide, wideModel, obs);
        for (double mu : new double[] {0.0, 0.25, 1.0, 4.0}) {
            TestStatistic.Result t = ts.at(nll, mu);
            assertTrue(t.converged(), t.failure());
            assertFalse(t.atBound(), "within [-10, 10] at mu = " + mu + ": " + t.conditional());
            assertEquals(independentT(nll, mu), t.t(), 1e-4, "t at mu = " + mu);
        }
        double profiled = ts.at(nll, 0.0).t();
        // 4.074 within [-10, 10], 5.903 at the default bound: the bounded conditional NLL is higher
        assertTrue(Math.abs(atBound.t() - profiled) > 0.1, "the bound changed t(0) from " + profiled + " to " + atBound.t());
    }
}
