package org.nsbi.model.offshell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.commons.math3.analysis.integration.IterativeLegendreGaussIntegrator;
import org.apache.commons.math3.complex.Complex;
import org.junit.jupiter.api.Test;

class OffshellRatesTest {

    private static final double NU_I = nuI();

    private static double nuI() {
        OffshellRates sbi = OffshellProcess.SBI.rates();
        return sbi.yield() - OffshellToy.NU_S - OffshellToy.NU_B;
    }

    @Test
    void interferenceAndSbiYieldsFromQuadratureAreTheSpecsValues() {
        double nuSbi = OffshellProcess.SBI.nominalYield();
        System.out.printf("nu_I = %.6f, nu_SBI = %.6f%n", NU_I, nuSbi);
        assertEquals(-43.0, NU_I, 0.1, "nu_I");
        assertEquals(142.0, nuSbi, 0.1, "nu_SBI");
        assertEquals(35.0, OffshellProcess.S.nominalYield(), 1e-12, "nu_S");
        assertEquals(150.0, OffshellProcess.B.nominalYield(), 1e-12, "nu_B");
        assertEquals(400.0, OffshellProcess.NI.nominalYield(), 1e-12, "nu_NI");
    }

    /** ν_I at several energy scales against SciPy's quad (an independent implementation; see the CSV's header). */
    @Test
    void interferenceYieldsMatchAnIndependentScipyQuadrature() throws IOException {
        List<String> lines;
        try (var in = getClass().getResourceAsStream("interference-yields.csv")) {
            lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(l -> !l.startsWith("#")).toList();
        }
        assertEquals("alpha_energy_scale,nu_I", lines.get(0));
        assertEquals(6, lines.size());
        for (String line : lines.subList(1, lines.size())) {
            double a = Double.parseDouble(line.split(",")[0]);
            double reference = Double.parseDouble(line.split(",")[1]);
            double s = 1 + 0.01 * a;
            double nuI = OffshellProcess.SBI.rates(a, 0).yield() - 35 * s - 150 * s * s;
            assertEquals(reference, nuI, 1e-9 * Math.abs(reference), "nu_I at energy_scale " + a);
        }
    }

    @Test
    void interferenceAngularFactorClosedFormMatchesQuadrature() {
        double q = new IterativeLegendreGaussIntegrator(16, 1e-14, 1e-14).integrate(100_000,
                c -> Math.sqrt(0.5) * Math.sqrt(3 * (1 + c * c) / 8), -1, 1);
        assertEquals(q, OffshellToy.INTERFERENCE_ANGULAR_INTEGRAL, 1e-13);
    }

    @Test
    void ratesAreTheSpecsAmplitudesSquared() {
        SplittableRandom r = new SplittableRandom(11);
        for (int i = 0; i < 200; i++) {
            double m = 150 + 900 * r.nextDouble();
            double c = 2 * r.nextDouble() - 1;
            double y = 6 * r.nextDouble() - 3;
            double t = m / 200;
            double phi = Math.PI / 2 * (1 + Math.tanh((m - 260) / 40));
            double v = Math.sqrt(Math.exp(-y * y / 2) / Math.sqrt(2 * Math.PI));
            Complex aS = Complex.I.multiply(phi).exp()
                    .multiply(Math.sqrt(35.0 / 160) / t * Math.sqrt(0.5) * v);
            Complex aB = new Complex(Math.sqrt(150.0 / 96) * Math.pow(t, -1.5) * Math.sqrt(3 * (1 + c * c) / 8) * v);
            double sbi = aS.add(aB).abs() * aS.add(aB).abs();
            double sbiHere = OffshellProcess.SBI.rates().trueRate(m, c, y);
            assertEquals(sbi, sbiHere, 1e-12 * sbi, "|A_S + A_B|^2 at m = " + m);
            double twoRe = 2 * aS.multiply(aB.conjugate()).getReal();
            assertEquals(twoRe, OffshellToy.rateI(m, c, y), 1e-12 * sbi, "2 Re(A_S A_B*) at m = " + m);
            double ni = 400.0 / 96 * Math.pow(t, -3) * 3 * (1 + c * c) / 8
                    * Math.exp(-y * y / (2 * 1.6 * 1.6)) / (1.6 * Math.sqrt(2 * Math.PI));
            assertEquals(ni, OffshellToy.rateNI(m, c, y), 1e-12 * ni, "sigma_NI at m = " + m);
        }
    }

    @Test
    void yieldsEqualTheIntegralOfTheMeasuredRateOverTheWindow() {
        List<OffshellRates> cases = new ArrayList<>();
        for (OffshellProcess p : OffshellProcess.values()) {
            cases.add(p.rates());
            cases.add(p.rates(1, 0));
            cases.add(p.rates(-1, 0));
            cases.add(p.rates(2.5, -1.5));
        }
        cases.add(OffshellProcess.NI.rates(0, 1));
        cases.add(OffshellProcess.NI.rates(0, -1));
        cases.add(OffshellRates.truth(0.7, new double[] {0.5, 0.3, -0.8}));
        cases.add(OffshellRates.truth(3.0, new double[] {-1.2, -2, 1.7}));
        cases.add(OffshellRates.reference());
        for (OffshellRates r : cases) {
            assertEquals(r.yield(), CompositeGauss.overWindow(r), 1e-8 * r.yield(), r.toString());
        }
    }

    @Test
    void energyScaleYieldsOfThePowerLawsAreClosedForms() {
        for (double a : new double[] {-3, -1, 0.5, 1, 2}) {
            double s = 1 + 0.01 * a;
            assertEquals(35 * s, OffshellProcess.S.rates(a, 0).yield(), 1e-11, "nu_S at energy_scale " + a);
            assertEquals(150 * s * s, OffshellProcess.B.rates(a, 0).yield(), 1e-10, "nu_B at energy_scale " + a);
            assertEquals(400 * s * s, OffshellProcess.NI.rates(a, 0).yield(), 1e-10, "nu_NI at energy_scale " + a);
            assertEquals(400, OffshellProcess.NI.rates(0, a).yield(), 1e-10, "nu_NI at ni_shape " + a);
        }
    }

    @Test
    void totalRateIsNonNegativeForEveryMuAndAlpha() {
        double[] mus = {0, 1e-4, 0.01, 0.1, 0.3, 0.5, 1, 1.5, 2, 3, 5, 10, 30, 100};
        double[] alphas = {-3, -1, 0, 1, 3};
        int checked = 0;
        for (double mu : mus) {
            for (double aEs : alphas) {
                for (double aShape : alphas) {
                    OffshellRates r = OffshellRates.truth(mu, new double[] {aEs, 0, aShape});
                    for (double m = 195; m <= 1035; m += 5) {
                        for (double c = -1; c <= 1; c += 0.5) {
                            for (double y = -6; y <= 6; y += 2) {
                                double rate = r.trueRate(m, c, y);
                                double scale = mu * OffshellToy.rateS(m, c, y) + OffshellToy.rateB(m, c, y);
                                assertTrue(rate >= -1e-14 * scale, "sigma(x|mu) = " + rate + " at mu = " + mu
                                        + ", alpha = (" + aEs + ", 0, " + aShape + "), x = (" + m + ", " + c
                                        + ", " + y + ")");
                                checked++;
                            }
                        }
                    }
                }
            }
        }
        assertTrue(checked > 1_000_000);
        // and at every x the minimum over mu >= 0 (at sqrt(mu) = -sigma_I / (2 sigma_S)) is >= 0
        for (double m = 195; m <= 1035; m += 0.5) {
            for (double c = -1; c <= 1; c += 0.1) {
                double sS = OffshellToy.rateS(m, c, 0);
                double sI = OffshellToy.rateI(m, c, 0);
                double sB = OffshellToy.rateB(m, c, 0);
                double root = Math.max(0, -sI / (2 * sS));
                double min = root * root * sS + root * sI + sB;
                assertTrue(min >= -1e-14 * sB, "min over mu of sigma = " + min + " at m = " + m + ", c = " + c);
            }
        }
    }

    @Test
    void morphingIdentityHoldsAtRandomPoints() {
        OffshellRates s = OffshellProcess.S.rates();
        OffshellRates b = OffshellProcess.B.rates();
        OffshellRates sbi = OffshellProcess.SBI.rates();
        OffshellRates ni = OffshellProcess.NI.rates();
        SplittableRandom r = new SplittableRandom(5);
        for (int i = 0; i < 500; i++) {
            double mu = 4 * r.nextDouble();
            double m = 200 + 800 * r.nextDouble();
            double c = 2 * r.nextDouble() - 1;
            double y = 8 * r.nextDouble() - 4;
            OffshellRates truth = OffshellRates.truth(mu, new double[3]);
            double sq = Math.sqrt(mu);
            assertEquals(35 * mu + NU_I * sq + 550, truth.yield(), 1e-9, "nu(mu) at mu = " + mu);
            double lhs = truth.yield() * truth.density(m, c, y);
            double rhs = (mu - sq) * 35 * s.density(m, c, y) + sq * sbi.yield() * sbi.density(m, c, y)
                    + (1 - sq) * 150 * b.density(m, c, y) + 400 * ni.density(m, c, y);
            assertEquals(lhs, rhs, 1e-12 * (Math.abs(lhs) + 1e-300), "morphing at mu = " + mu + ", m = " + m);
        }
    }

    @Test
    void niNormFactorIsCode4Through092And110() {
        assertEquals(1.10, OffshellRates.niNormFactor(1), 1e-12);
        assertEquals(0.92, OffshellRates.niNormFactor(-1), 1e-12);
        assertEquals(1.0, OffshellRates.niNormFactor(0), 1e-15);
        assertEquals(Math.pow(1.10, 2.5), OffshellRates.niNormFactor(2.5), 1e-12);
        assertEquals(Math.pow(0.92, 2.5), OffshellRates.niNormFactor(-2.5), 1e-12);
        double h = 1e-4;
        for (double edge : new double[] {-1, 1}) {
            double[] in = derivatives(edge - Math.signum(edge) * 2 * h, h);
            double[] out = derivatives(edge + Math.signum(edge) * 2 * h, h);
            double[] at = {OffshellRates.niNormFactor(edge)};
            // value, slope and curvature continuous at the edge (both sides evaluated 2h away)
            assertEquals(out[0], in[0], 3e-4, "value near " + edge);
            assertEquals(out[1], in[1], 3e-3, "slope near " + edge);
            assertEquals(out[2], in[2], 0.05, "curvature near " + edge);
            assertTrue(at[0] > 0);
        }
    }

    private static double[] derivatives(double a, double h) {
        double f0 = OffshellRates.niNormFactor(a);
        double fp = OffshellRates.niNormFactor(a + h);
        double fm = OffshellRates.niNormFactor(a - h);
        return new double[] {f0, (fp - fm) / (2 * h), (fp - 2 * f0 + fm) / (h * h)};
    }

    @Test
    void invalidRatesAreRejectedWithTheRuleInTheMessage() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> OffshellRates.of(1, 2, 1, 0, 0, 0));
        assertEquals("a_I = 2.0 with a_S = 1.0, a_B = 1.0; expected a_I^2 <= a_S * a_B so that the rate is >= 0",
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> OffshellRates.truth(-0.5, new double[3]));
        assertEquals("mu = -0.5; expected a finite mu >= 0", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> OffshellRates.truth(1, new double[2]));
        assertEquals("alpha has 2 entries; expected 3 (energy_scale, ni_norm, ni_shape)", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> OffshellProcess.NI.rates(0, 8));
        assertTrue(e.getMessage().startsWith("ni_shape alpha = 8.0; expected 1 + 0.15 * alpha * (m - 600)/400 >= 0"),
                e.getMessage());
    }
}
