package org.nsbi.stats.expr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;

class CoefficientTest {

    private static void exact(String text, DoubleUnaryOperator f, DoubleUnaryOperator d1, DoubleUnaryOperator d2) {
        Coefficient c = Coefficient.parse(text);
        for (double mu : new double[] {0.04, 0.5, 1, 2.3, 7}) {
            assertEquals(f.applyAsDouble(mu), c.value(mu), 1e-13, text + " at " + mu);
            assertEquals(d1.applyAsDouble(mu), c.derivative(mu), 1e-12, text + "' at " + mu);
            assertEquals(d2.applyAsDouble(mu), c.secondDerivative(mu), 1e-11, text + "'' at " + mu);
        }
    }

    @Test
    void theUsualCoefficientsHaveExactDerivatives() {
        exact("mu", m -> m, m -> 1, m -> 0);
        exact("sqrt(mu)", Math::sqrt, m -> 0.5 / Math.sqrt(m), m -> -0.25 * Math.pow(m, -1.5));
        exact("mu - sqrt(mu)", m -> m - Math.sqrt(m), m -> 1 - 0.5 / Math.sqrt(m), m -> 0.25 * Math.pow(m, -1.5));
        exact("1 - sqrt(mu)", m -> 1 - Math.sqrt(m), m -> -0.5 / Math.sqrt(m), m -> 0.25 * Math.pow(m, -1.5));
        exact("1", m -> 1, m -> 0, m -> 0);
        exact("mu^2", m -> m * m, m -> 2 * m, m -> 2);
        exact("2.5e-1 * (mu + 3) / (1 + mu)", m -> 0.25 * (m + 3) / (1 + m), m -> -0.5 / ((1 + m) * (1 + m)),
                m -> 1.0 / Math.pow(1 + m, 3));
        exact("-mu^-1", m -> -1 / m, m -> 1 / (m * m), m -> -2 / (m * m * m));
    }

    @Test
    void inSqrtMuTheSquareRootIsSmoothThroughZero() {
        Coefficient c = Coefficient.parse("mu - sqrt(mu)");
        double[] at0 = c.atSqrt(0);
        assertEquals(0, at0[0]);
        assertEquals(-1, at0[1], 0, "d/ds (s^2 - s) at 0");
        assertEquals(2, at0[2], 0);
        double[] at = c.atSqrt(1.5);
        assertEquals(1.5 * 1.5 - 1.5, at[0], 1e-14);
        assertEquals(2 * 1.5 - 1, at[1], 1e-14);
    }

    /**
     * Every way of writing a power of sqrt(mu) has exact derivatives in s = sqrt(mu), at s = 0 as elsewhere:
     * f(s^2) = a s^j + ..., checked against the closed form in s (and by central differences away from 0).
     */
    @Test
    void fractionalPowersAndScaledSquareRootsAreExactInSqrtMuAtZero() {
        double r2 = Math.sqrt(2);
        inS("sqrt(2*mu)", s -> r2 * s, s -> r2, s -> 0);
        inS("sqrt(mu/2)", s -> s / r2, s -> 1 / r2, s -> 0);
        inS("mu^0.5", s -> s, s -> 1, s -> 0);
        inS("mu^1.5", s -> s * s * s, s -> 3 * s * s, s -> 6 * s);
        inS("3 * mu^0.5 - sqrt(4*mu)^3", s -> 3 * s - 8 * s * s * s, s -> 3 - 24 * s * s, s -> -48 * s);
        inS("sqrt(mu) * (1 + mu)^0.5", s -> s * Math.sqrt(1 + s * s), s -> Math.sqrt(1 + s * s) + s * s / Math.sqrt(1 + s * s),
                s -> (3 * s + 2 * s * s * s) / Math.pow(1 + s * s, 1.5));
        inS("mu - sqrt(mu)", s -> s * s - s, s -> 2 * s - 1, s -> 2);
        for (String text : new String[] {"mu^0.5", "mu^1.5", "(1 + mu)^0.5", "sqrt(2*mu)"}) {
            assertTrue(Coefficient.parse(text).requiresNonNegativeMu(), text + " implies mu >= 0");
        }
        assertFalse(Coefficient.parse("mu^2 + 2^0.5").requiresNonNegativeMu(), "a fractional power of a number does not");
    }

    private static void inS(String text, DoubleUnaryOperator f, DoubleUnaryOperator d1, DoubleUnaryOperator d2) {
        Coefficient c = Coefficient.parse(text);
        for (double s : new double[] {0, 1e-3, 0.2, 1, 2.7}) {
            double[] at = c.atSqrt(s);
            assertEquals(f.applyAsDouble(s), at[0], 1e-12, text + " at s = " + s);
            assertEquals(d1.applyAsDouble(s), at[1], 1e-11, text + "' at s = " + s);
            assertEquals(d2.applyAsDouble(s), at[2], 1e-10, text + "'' at s = " + s);
            if (s > 0.1) {
                double h = 1e-5;
                double[] p = c.atSqrt(s + h);
                double[] m = c.atSqrt(s - h);
                assertEquals((p[0] - m[0]) / (2 * h), at[1], 1e-6, text + "' by differences at s = " + s);
                assertEquals((p[1] - m[1]) / (2 * h), at[2], 1e-6, text + "'' by differences at s = " + s);
            }
        }
    }

    @Test
    void aFractionalPowerThatIsNotSmoothInSqrtMuIsRefusedWithItsPosition() {
        CoefficientSyntaxException e = assertThrows(CoefficientSyntaxException.class, () -> Coefficient.parse("1 + mu^0.25"));
        assertEquals(6, e.position(), e.getMessage());
        assertEquals("^ gives mu^0.25 near mu = 0, which is not smooth in s = sqrt(mu) where the fits run (infinite slope"
                + " at mu = 0); expected powers that give whole powers of sqrt(mu), e.g. mu^0.5, mu^1.5, sqrt(2*mu)", e.problem());
        CoefficientSyntaxException s = assertThrows(CoefficientSyntaxException.class, () -> Coefficient.parse("2 * sqrt(sqrt(mu))"));
        assertEquals(4, s.position(), s.getMessage());
    }

    @Test
    void theRangeFollowsFromSquareRoots() {
        assertTrue(Coefficient.parse("1 - sqrt(mu)").requiresNonNegativeMu());
        assertFalse(Coefficient.parse("mu^2 - 1").requiresNonNegativeMu());
    }

    @Test
    void anUnknownSymbolIsQuotedAndPointedAt() {
        CoefficientSyntaxException e = assertThrows(CoefficientSyntaxException.class, () -> Coefficient.parse("mu - sqrt(nu)"));
        assertEquals("cannot read coefficient \"mu - sqrt(nu)\": unknown symbol 'nu'; expected mu, a number, sqrt(...) or (...)\n"
                + "  mu - sqrt(nu)\n"
                + "            ^", e.getMessage());
        assertEquals(10, e.position());
    }

    @Test
    void malformedExpressionsSayWhatWasExpected() {
        assertEquals("missing ')' at the end", problem("sqrt(mu"));
        assertEquals("unexpected ')'; expected an operator (+ - * / ^) or the end", problem("mu)"));
        assertEquals("the expression ends too early; expected mu, a number, sqrt(...) or (...)", problem("mu -"));
        assertEquals("expected a number as exponent", problem("mu^mu"));
        assertEquals("empty expression; expected e.g. mu, sqrt(mu), 1 - sqrt(mu), 1", problem("  "));
        assertEquals("unexpected '#'; expected mu, a number, sqrt(...) or (...)", problem("2 * #"));
    }

    private static String problem(String text) {
        return assertThrows(CoefficientSyntaxException.class, () -> Coefficient.parse(text)).problem();
    }

    /**
     * Evaluating into a scratch array allocates nothing (a fit evaluates every process's coefficient once per NLL
     * evaluation; issue 15), gives what the allocating forms give, and the scratch is long enough for a deep tree in
     * both variables (an index beyond it would throw). Counted with this thread's allocated bytes, which are exact.
     */
    @Test
    void evaluatingIntoAScratchArrayAllocatesNothing() {
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        Coefficient c = Coefficient.parse("((1 + sqrt(mu)) * (2 - mu^1.5) - sqrt(3*mu) / (1 + mu)^2) * (mu - sqrt(mu)) + 1");
        double[] scratch = c.newScratch();
        double[] out = new double[3];
        double[] sum = new double[3];
        c.at(0.7, out, scratch);
        c.atSqrt(0.7, out, scratch);
        long thread = Thread.currentThread().getId();
        long before = threads.getThreadAllocatedBytes(thread);
        for (int i = 0; i < 100; i++) {
            double x = 0.01 * (i + 1);
            c.at(x, out, scratch);
            sum[0] += out[0] + out[1] + out[2];
            c.atSqrt(x, out, scratch);
            sum[1] += out[0] + out[1] + out[2];
        }
        long allocated = threads.getThreadAllocatedBytes(thread) - before;
        // the counter's own reading costs a few bytes: less than one byte per evaluation is none per evaluation
        assertTrue(allocated < 200, allocated + " bytes allocated by 200 evaluations into a scratch array");
        for (int i = 0; i < 100; i++) {
            double x = 0.01 * (i + 1);
            double[] a = c.at(x);
            double[] b = c.atSqrt(x);
            sum[2] += a[0] + a[1] + a[2];
            sum[2] -= b[0] + b[1] + b[2];
        }
        assertEquals(sum[0] - sum[1], sum[2], 1e-9 * Math.abs(sum[0]), "the same values as the allocating forms");
        double s = 0.8;
        double[] at = c.atSqrt(s);
        double h = 1e-5;
        assertEquals((c.value((s + h) * (s + h)) - c.value((s - h) * (s - h))) / (2 * h), at[1], 1e-7, "d/ds by central differences");
    }
}
