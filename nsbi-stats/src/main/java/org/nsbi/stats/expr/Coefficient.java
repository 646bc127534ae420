package org.nsbi.stats.expr;

import java.io.Serializable;

/**
 * A process coefficient f_c(&mu;) written by the user (primer section 1): numbers, the parameter of
 * interest, {@code + - * /}, {@code ^} with a numeric exponent, {@code sqrt(...)} and parentheses,
 * e.g. {@code mu - sqrt(mu)}, {@code 1 - sqrt(mu)}, {@code mu^2}, {@code 2.5*mu}.
 *
 * <p>Value and first and second derivatives in &mu; are exact, from the expression tree. Because
 * f(&mu;) = &radic;&mu; has an infinite slope at &mu; = 0, fits of models with a square root or a fractional power
 * of &mu; run in s = &radic;&mu;, where such coefficients are smooth: {@link #atSqrt(double)} gives f and its
 * derivatives in s, exact at s = 0 for {@code sqrt(mu)}, {@code sqrt(c*mu)}, {@code sqrt(mu/c)}, {@code mu^0.5},
 * {@code mu^1.5} alike (each node is a whole power of s times a smooth factor). A fractional power implies
 * &mu; &ge; 0, like {@code sqrt}; one that is not a whole power of s at &mu; = 0 (e.g. {@code mu^0.25}) is refused at
 * parse time with its position.
 *
 * <p>Immutable and serializable. Instances come from {@link #parse(String)}.
 */
public final class Coefficient implements Serializable {

    private static final long serialVersionUID = 1L;

    private final String text;
    private final String poi;
    private final Node root;
    private final boolean hasSqrt;

    private Coefficient(String text, String poi, Node root, boolean hasSqrt) {
        this.text = text;
        this.poi = poi;
        this.root = root;
        this.hasSqrt = hasSqrt;
    }

    /** Parses an expression in {@code mu}. */
    public static Coefficient parse(String text) {
        return parse(text, "mu");
    }

    /**
     * Parses an expression in the parameter of interest {@code poi}.
     *
     * @throws CoefficientSyntaxException quoting the text and pointing at the fault
     */
    public static Coefficient parse(String text, String poi) {
        if (text == null) {
            throw new CoefficientSyntaxException("", 0, "no expression; expected e.g. mu, sqrt(mu), 1 - sqrt(mu), 1");
        }
        Parser p = new Parser(text, poi);
        Node root = p.parseAll();
        return new Coefficient(text, poi, root, p.sawSqrt);
    }

    /** The expression as written. */
    public String text() {
        return text;
    }

    /** The name of the parameter of interest. */
    public String poi() {
        return poi;
    }

    /** True where {@code sqrt} or a fractional power of the parameter of interest appears: then &mu; &ge; 0. */
    public boolean requiresNonNegativeMu() {
        return hasSqrt;
    }

    /** f(&mu;). */
    public double value(double mu) {
        return at(mu)[0];
    }

    /** df/d&mu;. */
    public double derivative(double mu) {
        return at(mu)[1];
    }

    /** d&sup2;f/d&mu;&sup2;. */
    public double secondDerivative(double mu) {
        return at(mu)[2];
    }

    /** f, df/d&mu;, d&sup2;f/d&mu;&sup2; at &mu;, as {value, d1, d2}. */
    public double[] at(double mu) {
        double[] out = new double[3];
        at(mu, out, newScratch());
        return out;
    }

    /** f(s&sup2;) and its first and second derivatives in s, as {value, d1, d2}; s &ge; 0. */
    public double[] atSqrt(double s) {
        double[] out = new double[3];
        atSqrt(s, out, newScratch());
        return out;
    }

    /**
     * A scratch array for {@link #at(double, double[], double[])} and {@link #atSqrt(double, double[], double[])}: the
     * evaluation's working values, so that a caller evaluating many times (a fit, once per NLL evaluation) allocates
     * nothing. One scratch array per thread; the coefficient itself stays immutable and shared.
     */
    public double[] newScratch() {
        return new double[3 * (2 * root.height() + 3)];
    }

    /** As {@link #at(double)}, into out[0..3), working in {@code scratch} (from {@link #newScratch()}). */
    public void at(double mu, double[] out, double[] scratch) {
        root.at(mu, scratch, 0);
        out[0] = scratch[0];
        out[1] = scratch[1];
        out[2] = scratch[2];
    }

    /** As {@link #atSqrt(double)}, into out[0..3), working in {@code scratch} (from {@link #newScratch()}). */
    public void atSqrt(double s, double[] out, double[] scratch) {
        power(s, root.order(), scratch, 0);
        root.reduced(s, scratch, 3);
        times(scratch, 0, 3, 0);
        out[0] = scratch[0] + 0.0; // + 0.0: no -0.0 from 0 * negative
        out[1] = scratch[1] + 0.0;
        out[2] = scratch[2] + 0.0;
    }

    @Override
    public String toString() {
        return text;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Coefficient c && c.text.equals(text) && c.poi.equals(poi);
    }

    @Override
    public int hashCode() {
        return text.hashCode() * 31 + poi.hashCode();
    }

    /*
     * Values with their first and second derivative in the fit variable ("duals") are kept in slots of three
     * doubles of a scratch array, st[i..i+3) = (v, d1, d2), so that an evaluation allocates nothing.
     */

    private static void set(double[] st, int i, double v, double d1, double d2) {
        st[i] = v;
        st[i + 1] = d1;
        st[i + 2] = d2;
    }

    /** Slot o = slot u times slot w (o may be u or w). */
    private static void times(double[] st, int u, int w, int o) {
        double uv = st[u];
        double u1 = st[u + 1];
        double u2 = st[u + 2];
        double wv = st[w];
        double w1 = st[w + 1];
        double w2 = st[w + 2];
        set(st, o, uv * wv, u1 * wv + uv * w1, u2 * wv + 2 * u1 * w1 + uv * w2);
    }

    /** Slot o = slot u over slot w (o may be u or w). */
    private static void over(double[] st, int u, int w, int o) {
        double wv = st[w];
        double w1 = st[w + 1];
        double w2 = st[w + 2];
        double q = st[u] / wv;
        double q1 = (st[u + 1] - q * w1) / wv;
        double q2 = (st[u + 2] - 2 * q1 * w1 - q * w2) / wv;
        set(st, o, q, q1, q2);
    }

    /** Slot u = slot u to the power p, by the chain rule (smooth where u &gt; 0, or p a whole number). */
    private static void pow(double[] st, int u, double p) {
        if (p == 0) {
            set(st, u, 1, 0, 0);
            return;
        }
        double v = st[u];
        double d1 = st[u + 1];
        double d2 = st[u + 2];
        double g0 = Math.pow(v, p);
        double g1 = p * Math.pow(v, p - 1);
        double g2 = p == 1 ? 0 : p * (p - 1) * Math.pow(v, p - 2);
        set(st, u, g0, g1 * d1, g2 * d1 * d1 + g1 * d2);
    }

    /** Slot o = s^j and its derivatives in s, j a whole number (exact at s = 0 for j &ge; 0). */
    private static void power(double s, double j, double[] st, int o) {
        if (j == 0) {
            set(st, o, 1, 0, 0);
            return;
        }
        set(st, o, Math.pow(s, j), j * Math.pow(s, j - 1), j == 1 ? 0 : j * (j - 1) * Math.pow(s, j - 2));
    }

    /** Slot u = slot u + sign &middot; slot w. */
    private static void add(double[] st, int u, int w, double sign) {
        set(st, u, st[u] + sign * st[w], st[u + 1] + sign * st[w + 1], st[u + 2] + sign * st[w + 2]);
    }

    /**
     * A node of the expression tree. In &mu; it evaluates directly ({@link #at}). In s = &radic;&mu; it is written
     * u(s) = s^m v(s) with m its {@link #order()} (a whole number: &mu; has order 2, &radic;&mu; order 1, a constant 0;
     * products add orders, sums take the smaller, powers multiply) and v smooth and generically non-zero at s = 0;
     * {@link #reduced} gives v. A square root or fractional power then acts on v, which is smooth where v &gt; 0,
     * and its s^m part stays an exact power of s: derivatives are exact at s = 0. Both write the node's dual into
     * slot {@code at} of the scratch array and use the slots after it as their own scratch.
     */
    private interface Node extends Serializable {
        void at(double mu, double[] st, int at);

        double order();

        void reduced(double s, double[] st, int at);

        /** The height of the tree below this node (a leaf: 0). */
        int height();
    }

    private record Num(double c) implements Node {
        public void at(double mu, double[] st, int at) {
            set(st, at, c, 0, 0);
        }

        public double order() {
            return 0;
        }

        public void reduced(double s, double[] st, int at) {
            set(st, at, c, 0, 0);
        }

        public int height() {
            return 0;
        }
    }

    private record Poi() implements Node {
        public void at(double mu, double[] st, int at) {
            set(st, at, mu, 1, 0);
        }

        public double order() {
            return 2;
        }

        public void reduced(double s, double[] st, int at) {
            set(st, at, 1, 0, 0);
        }

        public int height() {
            return 0;
        }
    }

    private record Add(Node a, Node b, double sign) implements Node {
        public void at(double mu, double[] st, int at) {
            a.at(mu, st, at);
            b.at(mu, st, at + 3);
            add(st, at, at + 3, sign);
        }

        public double order() {
            return Math.min(a.order(), b.order());
        }

        public void reduced(double s, double[] st, int at) {
            double m = order();
            power(s, a.order() - m, st, at);
            a.reduced(s, st, at + 3);
            times(st, at, at + 3, at);
            power(s, b.order() - m, st, at + 3);
            b.reduced(s, st, at + 6);
            times(st, at + 3, at + 6, at + 3);
            add(st, at, at + 3, sign);
        }

        public int height() {
            return 1 + Math.max(a.height(), b.height());
        }
    }

    private record Mul(Node a, Node b) implements Node {
        public void at(double mu, double[] st, int at) {
            a.at(mu, st, at);
            b.at(mu, st, at + 3);
            times(st, at, at + 3, at);
        }

        public double order() {
            return a.order() + b.order();
        }

        public void reduced(double s, double[] st, int at) {
            a.reduced(s, st, at);
            b.reduced(s, st, at + 3);
            times(st, at, at + 3, at);
        }

        public int height() {
            return 1 + Math.max(a.height(), b.height());
        }
    }

    private record Div(Node a, Node b) implements Node {
        public void at(double mu, double[] st, int at) {
            a.at(mu, st, at);
            b.at(mu, st, at + 3);
            over(st, at, at + 3, at);
        }

        public double order() {
            return a.order() - b.order();
        }

        public void reduced(double s, double[] st, int at) {
            a.reduced(s, st, at);
            b.reduced(s, st, at + 3);
            over(st, at, at + 3, at);
        }

        public int height() {
            return 1 + Math.max(a.height(), b.height());
        }
    }

    private record Neg(Node a) implements Node {
        public void at(double mu, double[] st, int at) {
            a.at(mu, st, at);
            set(st, at, -st[at], -st[at + 1], -st[at + 2]);
        }

        public double order() {
            return a.order();
        }

        public void reduced(double s, double[] st, int at) {
            a.reduced(s, st, at);
            set(st, at, -st[at], -st[at + 1], -st[at + 2]);
        }

        public int height() {
            return 1 + a.height();
        }
    }

    /** u^p with a numeric exponent p; {@code sqrt(u)} is u^0.5. */
    private record Pow(Node a, double p) implements Node {
        public void at(double mu, double[] st, int at) {
            a.at(mu, st, at);
            pow(st, at, p);
        }

        public double order() {
            return a.order() * p;
        }

        public void reduced(double s, double[] st, int at) {
            a.reduced(s, st, at);
            pow(st, at, p);
        }

        public int height() {
            return 1 + a.height();
        }
    }

    /**
     * Recursive descent over: expr = term (('+'|'-') term)*; term = unary (('*'|'/') unary)*;
     * unary = ('-'|'+') unary | power; power = primary ('^' signed number)?;
     * primary = number | poi | 'sqrt' '(' expr ')' | '(' expr ')'.
     */
    private static final class Parser {
        private final String s;
        private final String poi;
        private int i;
        boolean sawSqrt;

        Parser(String s, String poi) {
            this.s = s;
            this.poi = poi;
        }

        Node parseAll() {
            skip();
            if (i == s.length()) {
                throw fail("empty expression; expected e.g. mu, sqrt(mu), 1 - sqrt(mu), 1");
            }
            Node n = expr();
            skip();
            if (i < s.length()) {
                throw fail("unexpected '" + s.charAt(i) + "'; expected an operator (+ - * / ^) or the end");
            }
            return n;
        }

        private Node expr() {
            Node n = term();
            while (true) {
                skip();
                if (peek('+')) {
                    i++;
                    n = new Add(n, term(), 1);
                } else if (peek('-')) {
                    i++;
                    n = new Add(n, term(), -1);
                } else {
                    return n;
                }
            }
        }

        private Node term() {
            Node n = unary();
            while (true) {
                skip();
                if (peek('*')) {
                    i++;
                    n = new Mul(n, unary());
                } else if (peek('/')) {
                    i++;
                    n = new Div(n, unary());
                } else {
                    return n;
                }
            }
        }

        private Node unary() {
            skip();
            if (peek('-')) {
                i++;
                return new Neg(unary());
            }
            if (peek('+')) {
                i++;
                return unary();
            }
            return power();
        }

        private Node power() {
            Node base = primary();
            skip();
            if (peek('^')) {
                int caret = i;
                i++;
                skip();
                int at = i;
                double sign = 1;
                if (peek('-')) {
                    sign = -1;
                    i++;
                    skip();
                }
                if (i >= s.length() || !isNumberStart(s.charAt(i))) {
                    i = at;
                    throw fail("expected a number as exponent");
                }
                return power(base, sign * number(), caret, "^");
            }
            return base;
        }

        /**
         * base^p. A fractional power of an expression in the parameter of interest implies &mu; &ge; 0 (as sqrt
         * does), and must leave a whole power of s = &radic;&mu; at &mu; = 0 (e.g. mu^0.5 = s, mu^1.5 = s&sup3;), where
         * the fits run; mu^0.25 = &radic;s has no finite slope there and is refused, pointing at {@code at}.
         */
        private Node power(Node base, double p, int at, String what) {
            Pow n = new Pow(base, p);
            if (p != Math.rint(p) && mentionsPoi(base)) {
                sawSqrt = true;
                if (n.order() != Math.rint(n.order())) {
                    int save = i;
                    i = at;
                    CoefficientSyntaxException e = fail(what + " gives " + poi + "^" + n.order() / 2 + " near " + poi
                            + " = 0, which is not smooth in s = sqrt(" + poi + ") where the fits run (infinite slope at "
                            + poi + " = 0); expected powers that give whole powers of sqrt(" + poi + "), e.g. " + poi
                            + "^0.5, " + poi + "^1.5, sqrt(2*" + poi + ")");
                    i = save;
                    throw e;
                }
            }
            return n;
        }

        private static boolean mentionsPoi(Node n) {
            if (n instanceof Poi) {
                return true;
            }
            if (n instanceof Add a) {
                return mentionsPoi(a.a()) || mentionsPoi(a.b());
            }
            if (n instanceof Mul m) {
                return mentionsPoi(m.a()) || mentionsPoi(m.b());
            }
            if (n instanceof Div d) {
                return mentionsPoi(d.a()) || mentionsPoi(d.b());
            }
            if (n instanceof Neg g) {
                return mentionsPoi(g.a());
            }
            return n instanceof Pow w && mentionsPoi(w.a());
        }

        private Node primary() {
            skip();
            if (i >= s.length()) {
                throw fail("the expression ends too early; expected " + poi + ", a number, sqrt(...) or (...)");
            }
            char c = s.charAt(i);
            if (c == '(') {
                i++;
                Node n = expr();
                expect(')');
                return n;
            }
            if (isNumberStart(c)) {
                return new Num(number());
            }
            if (Character.isLetter(c) || c == '_') {
                int start = i;
                while (i < s.length() && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '_')) {
                    i++;
                }
                String name = s.substring(start, i);
                if (name.equals(poi)) {
                    return new Poi();
                }
                if (name.equals("sqrt")) {
                    skip();
                    expect('(');
                    Node arg = expr();
                    expect(')');
                    sawSqrt = true;
                    return power(arg, 0.5, start, "sqrt");
                }
                i = start;
                throw fail("unknown symbol '" + name + "'; expected " + poi + ", a number, sqrt(...) or (...)");
            }
            throw fail("unexpected '" + c + "'; expected " + poi + ", a number, sqrt(...) or (...)");
        }

        private double number() {
            int start = i;
            while (i < s.length() && (Character.isDigit(s.charAt(i)) || s.charAt(i) == '.')) {
                i++;
            }
            if (i < s.length() && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
                int save = i;
                i++;
                if (i < s.length() && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
                    i++;
                }
                if (i < s.length() && Character.isDigit(s.charAt(i))) {
                    while (i < s.length() && Character.isDigit(s.charAt(i))) {
                        i++;
                    }
                } else {
                    i = save;
                }
            }
            try {
                return Double.parseDouble(s.substring(start, i));
            } catch (NumberFormatException e) {
                i = start;
                throw fail("malformed number '" + s.substring(start, Math.max(start + 1, i)) + "'");
            }
        }

        private static boolean isNumberStart(char c) {
            return Character.isDigit(c) || c == '.';
        }

        private void expect(char c) {
            skip();
            if (!peek(c)) {
                throw fail(i >= s.length() ? "missing '" + c + "' at the end" : "expected '" + c + "', found '" + s.charAt(i) + "'");
            }
            i++;
        }

        private boolean peek(char c) {
            return i < s.length() && s.charAt(i) == c;
        }

        private void skip() {
            while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
                i++;
            }
        }

        private CoefficientSyntaxException fail(String problem) {
            return new CoefficientSyntaxException(s, Math.min(i, s.length()), problem);
        }
    }
}
