package org.nsbi.model.offshell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nsbi.model.ratio.FeatureBlock;
import org.nsbi.model.ratio.RatioFunction;

class OffshellExactRatiosTest {

    private static final Path FIXTURES = Path.of(System.getProperty("nsbi.shared.dir", "../../shared"),
            "fixtures", "offshell-toy", "onnx");

    private static double[] eval(String name, OffshellEvents ev) {
        double[] out = new double[ev.size()];
        OffshellExactRatios.byName(name).evaluate(ev.features(), out);
        return out;
    }

    private static OffshellEvents randomPoints(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] m = new float[n];
        float[] c = new float[n];
        float[] y = new float[n];
        for (int i = 0; i < n; i++) {
            m[i] = (float) (200 + 800 * r.nextDouble());
            c[i] = (float) (2 * r.nextDouble() - 1);
            y[i] = (float) (8 * r.nextDouble() - 4);
        }
        return new OffshellEvents(m, c, y, new double[n]);
    }

    @Test
    void namesAreTheFixtureRatiosAndUnknownNamesAreListed() throws IOException {
        JsonNode report = new ObjectMapper().readTree(FIXTURES.resolve("quality_report.json").toFile());
        List<String> fixtureNames = new ArrayList<>();
        report.fieldNames().forEachRemaining(fixtureNames::add);
        assertEquals(fixtureNames.stream().sorted().toList(), OffshellExactRatios.names().stream().sorted().toList());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> OffshellExactRatios.byName("ratio_I"));
        assertEquals("unknown off-shell toy ratio 'ratio_I'; known: ratio_S, ratio_B, ratio_SBI, ratio_NI, "
                + "syst_S_energy_scale_up, syst_S_energy_scale_down, syst_B_energy_scale_up, "
                + "syst_B_energy_scale_down, syst_SBI_energy_scale_up, syst_SBI_energy_scale_down, "
                + "syst_NI_energy_scale_up, syst_NI_energy_scale_down, syst_NI_ni_shape_up, "
                + "syst_NI_ni_shape_down", e.getMessage());
    }

    @Test
    void ratiosCloseOnAReferenceSampleWithinMonteCarloError() {
        // p_ref sample: S, B, NI nominal in strata, weights nu_c/N, normalised by 585
        int n = 20_000;
        List<OffshellEvents> strata = new ArrayList<>();
        for (OffshellProcess p : List.of(OffshellProcess.S, OffshellProcess.B, OffshellProcess.NI)) {
            strata.add(OffshellSimulator.generate(OffshellSample.nominal(p), 77, n, 5000));
        }
        for (OffshellProcess p : OffshellProcess.values()) {
            String name = "ratio_" + p;
            double sum = 0;
            double var = 0;
            for (OffshellEvents s : strata) {
                double[] r = eval(name, s);
                double w = s.weight()[0] / 585.0;
                double m1 = 0;
                double m2 = 0;
                for (double v : r) {
                    m1 += v;
                    m2 += v * v;
                }
                sum += w * m1;
                var += w * w * (m2 - m1 * m1 / r.length);
            }
            double err = Math.sqrt(var);
            System.out.printf("closure %s: sum w r = %.5f +- %.5f%n", name, sum, err);
            assertEquals(1.0, sum, 4 * err, name + " closure");
        }
        // systematic ratios close on the nominal process sample
        for (String name : OffshellExactRatios.names()) {
            if (!name.startsWith("syst_")) {
                continue;
            }
            OffshellProcess p = OffshellProcess.valueOf(name.split("_")[1]);
            OffshellEvents ev = OffshellSimulator.generate(OffshellSample.nominal(p), 78, n, 5000);
            double[] r = eval(name, ev);
            double m1 = 0;
            double m2 = 0;
            for (double v : r) {
                m1 += v;
                m2 += v * v;
            }
            double mean = m1 / n;
            double err = Math.sqrt((m2 / n - mean * mean) / n);
            assertEquals(1.0, mean, 4 * err + 1e-12, name + " closure");
        }
    }

    @Test
    void sbiRatioDecomposesIntoSignalBackgroundAndInterference() {
        OffshellEvents pts = randomPoints(2000, 3);
        double[] rS = eval("ratio_S", pts);
        double[] rB = eval("ratio_B", pts);
        double[] rSbi = eval("ratio_SBI", pts);
        double[] rNi = eval("ratio_NI", pts);
        double nuSbi = OffshellProcess.SBI.nominalYield();
        for (int i = 0; i < pts.size(); i++) {
            double m = pts.m()[i];
            double c = pts.c()[i];
            double y = pts.y()[i];
            double pRef = OffshellRates.reference().rate(m, c, y) / 585;
            double interference = OffshellToy.rateI(m, c, y) / pRef;
            assertEquals(nuSbi * rSbi[i], 35 * rS[i] + 150 * rB[i] + interference, 1e-10 * (nuSbi * rSbi[i] + 1),
                    "nu_SBI r_SBI = nu_S r_S + nu_B r_B + sigma_I / p_ref at event " + i);
            assertEquals(585, 35 * rS[i] + 150 * rB[i] + 400 * rNi[i], 1e-9, "sum of nu_c r_c over p_ref's processes");
        }
    }

    @Test
    void energyScaleRatiosOfPowerLawsAreOneAndNiShapeIsTheLinearFactor() {
        OffshellEvents pts = randomPoints(2000, 4);
        for (String p : List.of("S", "B", "NI")) {
            for (String d : List.of("up", "down")) {
                double[] r = eval("syst_" + p + "_energy_scale_" + d, pts);
                for (double v : r) {
                    assertEquals(1.0, v, 1e-12, "syst_" + p + "_energy_scale_" + d);
                }
            }
        }
        double[] up = eval("syst_NI_ni_shape_up", pts);
        double[] down = eval("syst_NI_ni_shape_down", pts);
        double[] sbiUp = eval("syst_SBI_energy_scale_up", pts);
        double maxDev = 0;
        for (int i = 0; i < pts.size(); i++) {
            double k = 0.15 * ((double) pts.m()[i] - 600) / 400;
            assertEquals((1 + k) / 0.9, up[i], 1e-12);
            assertEquals((1 - k) / 1.1, down[i], 1e-12);
            maxDev = Math.max(maxDev, Math.abs(sbiUp[i] - 1));
        }
        assertTrue(maxDev > 0.05, "syst_SBI_energy_scale_up carries a real shape; max |r - 1| = " + maxDev);
        double[] exactAtOne = new double[pts.size()];
        OffshellExactRatios.shapeRatio(OffshellProcess.SBI, 1, 0).evaluate(pts.features(), exactAtOne);
        for (int i = 0; i < pts.size(); i++) {
            assertEquals(sbiUp[i], exactAtOne[i], 1e-14, "shapeRatio at alpha = 1 is syst_SBI_energy_scale_up");
        }
    }

    @Test
    void yieldFactorsAreAcceptancesAndNiNorm() {
        assertEquals(1.01, OffshellExactRatios.yieldFactor(OffshellProcess.S, OffshellNuisance.ENERGY_SCALE, 1), 1e-12);
        assertEquals(0.99, OffshellExactRatios.yieldFactor(OffshellProcess.S, OffshellNuisance.ENERGY_SCALE, -1), 1e-12);
        assertEquals(1.0201, OffshellExactRatios.yieldFactor(OffshellProcess.B, OffshellNuisance.ENERGY_SCALE, 1), 1e-12);
        assertEquals(0.9801, OffshellExactRatios.yieldFactor(OffshellProcess.NI, OffshellNuisance.ENERGY_SCALE, -1), 1e-12);
        assertEquals(1.10, OffshellExactRatios.yieldFactor(OffshellProcess.NI, OffshellNuisance.NI_NORM, 1), 1e-12);
        assertEquals(0.92, OffshellExactRatios.yieldFactor(OffshellProcess.NI, OffshellNuisance.NI_NORM, -1), 1e-12);
        assertEquals(1.0, OffshellExactRatios.yieldFactor(OffshellProcess.NI, OffshellNuisance.NI_SHAPE, 1), 1e-12);
        assertEquals(1.0, OffshellExactRatios.yieldFactor(OffshellProcess.SBI, OffshellNuisance.NI_NORM, 1), 0);
        double up = OffshellExactRatios.yieldFactor(OffshellProcess.SBI, OffshellNuisance.ENERGY_SCALE, 1);
        double down = OffshellExactRatios.yieldFactor(OffshellProcess.SBI, OffshellNuisance.ENERGY_SCALE, -1);
        System.out.printf("SBI energy_scale yield factors: up %.6f, down %.6f%n", up, down);
        // SBI = S + B + I with a negative I: (35*1.01 + 150*1.0201 + nu_I(+1)) / nu_SBI
        double nuIUp = OffshellProcess.SBI.rates(1, 0).yield() - 35 * 1.01 - 150 * 1.0201;
        assertEquals((35 * 1.01 + 150 * 1.0201 + nuIUp) / OffshellProcess.SBI.nominalYield(), up, 1e-12);
        assertTrue(up > 1.02 && down < 0.98, "SBI's acceptance moves more than B's: " + up + ", " + down);
    }

    @Test
    void eventsOutsideThePhaseSpaceAreRejectedNamingTheEvent() {
        FeatureBlock block = new FeatureBlock(new String[] {"m", "c", "y"}, 2, new float[] {300, 0, 0, 1200, 0, 0});
        RatioFunction r = OffshellExactRatios.byName("ratio_S");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> r.evaluate(block, new double[2]));
        assertEquals("ratio_S: event 1 at (m, c, y) = (1200.0, 0.0, 0.0) is outside the toy's phase space "
                + "(m in [200, 1000], c in [-1, 1], finite y) or has zero reference density", e.getMessage());
        FeatureBlock swapped = new FeatureBlock(new String[] {"c", "m", "y"}, 1, new float[] {0, 300, 0});
        e = assertThrows(IllegalArgumentException.class, () -> r.evaluate(swapped, new double[1]));
        assertEquals("ratio_S: features are [c, m, y]; expected [m, c, y]", e.getMessage());
    }

    /**
     * The fixture networks' recorded torch outputs against the exact ratios: over the held-out rows
     * (17 onwards) the mean |log r_torch − log r_exact| must be the size the quality report measured for
     * that member (on 100,000 events), which holds only if p_ref and the ratios follow the same
     * convention as the training.
     */
    @Test
    void fixtureNetworksAgreeWithTheExactRatiosAsTheirQualityReportSays() throws IOException {
        JsonNode report = new ObjectMapper().readTree(FIXTURES.resolve("quality_report.json").toFile());
        for (String name : OffshellExactRatios.names()) {
            StringBuilder line = new StringBuilder(name + ":");
            for (int k = 0; k < 3; k++) {
                List<String> rows = Files.readAllLines(FIXTURES.resolve(name + "_" + k + "_testrows.csv"));
                assertEquals("m,c,y,score", rows.get(0));
                int n = rows.size() - 1;
                float[] x = new float[3 * n];
                double[] score = new double[n];
                for (int i = 0; i < n; i++) {
                    String[] f = rows.get(i + 1).split(",");
                    for (int j = 0; j < 3; j++) {
                        x[3 * i + j] = Float.parseFloat(f[j]);
                    }
                    score[i] = Float.parseFloat(f[3]);
                }
                double[] exact = new double[n];
                OffshellExactRatios.byName(name).evaluate(new FeatureBlock(OffshellEvents.FEATURES.clone(), n, x), exact);
                double sum = 0;
                for (int i = 17; i < n; i++) {
                    double logTorch = Math.log(score[i]) - Math.log1p(-score[i]);
                    sum += Math.abs(logTorch - Math.log(exact[i]));
                }
                double ours = sum / (n - 17);
                double reported = report.get(name).get("members").get(k).get("mean_abs_log_ratio_error").asDouble();
                line.append(String.format(" member %d %.5f (report %.5f);", k, ours, reported));
                assertEquals(reported, ours, 0.25 * reported + 5e-4,
                        name + " member " + k + ": mean |log r_torch - log r_exact| over rows 17..");
            }
            System.out.println(line);
        }
    }
}
