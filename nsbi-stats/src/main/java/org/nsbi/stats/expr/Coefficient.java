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
        return root.at(mu).v;
    }

    /** df/d&mu;. */
    public double derivative(double mu) {
        return root.at(mu).d1;
    }

    /** d&sup2;f/d&mu;&sup2;. */
    public double secondDerivative(double mu) {
        return root.at(mu).d2;
    }

    /** f, df/d&mu;, d&sup2;f/d&mu;&sup2; at &mu;, as {value, d1, d2}. */
    public double[] at(double mu) {
        Dual d = root.at(mu);
        return new double[] {d.v, d.d1, d.d2};
    }

    /** f(s&sup2;) and its first and second derivatives in s, as {value, d1, d2}; s &ge; 0. */
    public double[] atSqrt(double s) {
        Dual d = Dual.power(s, root.order()).times(root.reduced(s));
        return new double[] {d.v + 0.0, d.d1 + 0.0, d.d2 + 0.0}; // + 0.0: no -0.0 from 0 * negative
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

    /** A value with its first and second derivative in the fit variable. */
    private record Dual(double v, double d1, double d2) {
        static Dual constant(double c) {
            return new Dual(c, 0, 0);
        }

        Dual times(Dual w) {
            return new Dual(v * w.v, d1 * w.v + v * w.d1, d2 * w.v + 2 * d1 * w.d1 + v * w.d2);
        }

        Dual over(Dual w) {
            double q = v / w.v;
            double q1 = (d1 - q * w.d1) / w.v;
            double q2 = (d2 - 2 * q1 * w.d1 - q * w.d2) / w.v;
            return new Dual(q, q1, q2);
        }

        /** this^p by the chain rule (smooth where this &gt; 0, or p a whole number). */
        Dual pow(double p) {
            if (p == 0) {
                return constant(1);
            }
            double g0 = Math.pow(v, p);
            double g1 = p * Math.pow(v, p - 1);
            double g2 = p == 1 ? 0 : p * (p - 1) * Math.pow(v, p - 2);
            return new Dual(g0, g1 * d1, g2 * d1 * d1 + g1 * d2);
        }

        /** s^j and its derivatives in s, j a whole number (exact at s = 0 for j &ge; 0). */
        static Dual power(double s, double j) {
            if (j == 0) {
                return constant(1);
            }
            return new Dual(Math.pow(s, j), j * Math.pow(s, j - 1), j == 1 ? 0 : j * (j - 1) * Math.pow(s, j - 2));
        }
    }

    /**
     * A node of the expression tree. In &mu; it evaluates directly ({@link #at}). In s = &radic;&mu; it is written
     * u(s) = s^m v(s) with m its {@link #order()} (a whole number: &mu; has order 2, &radic;&mu; order 1, a constant 0;
     * products add orders, sums take the smaller, powers multiply) and v smooth and generically non-zero at s = 0;
     * {@link #reduced} gives v. A square root or fractional power then acts on v, which is smooth where v &gt; 0,
     * and its s^m part stays an exact power of s: derivatives are exact at s = 0.
     */
    private interface Node extends Serializable {
        Dual at(double mu);

        double order();

        Dual reduced(double s);
    }

    private record Num(double c) implements Node {
        public Dual at(double mu) {
            return Dual.constant(c);
        }

        public double order() {
            return 0;
        }

        public Dual reduced(double s) {
            return Dual.constant(c);
        }
    }

    private record Poi() implements Node {
        public Dual at(double mu) {
            return new Dual(mu, 1, 0);
        }

        public double order() {
            return 2;
        }

        public Dual reduced(double s) {
            return Dual.constant(1);
        }
    }

    private record Add(Node a, Node b, double sign) implements Node {
        public Dual at(double mu) {
            Dual u = a.at(mu);
            Dual w = b.at(mu);
            return new Dual(u.v + sign * w.v, u.d1 + sign * w.d1, u.d2 + sign * w.d2);
        }

        public double order() {
            return Math.min(a.order(), b.order());
        }

        public Dual reduced(double s) {
            double m = order();
            Dual u = Dual.power(s, a.order() - m).times(a.reduced(s));
            Dual w = Dual.power(s, b.order() - m).times(b.reduced(s));
            return new Dual(u.v + sign * w.v, u.d1 + sign * w.d1, u.d2 + sign * w.d2);
        }
    }

    private record Mul(Node a, Node b) implements Node {
        public Dual at(double mu) {
            return a.at(mu).times(b.at(mu));
        }

        public double order() {
            return a.order() + b.order();
        }

        public Dual reduced(double s) {
            return a.reduced(s).times(b.reduced(s));
        }
    }

    private record Div(Node a, Node b) implements Node {
        public Dual at(double mu) {
            return a.at(mu).over(b.at(mu));
        }

        public double order() {
            return a.order() - b.order();
        }

        public Dual reduced(double s) {
            return a.reduced(s).over(b.reduced(s));
        }
    }

    private record Neg(Node a) implements Node {
        public Dual at(double mu) {
            Dual u = a.at(mu);
            return new Dual(-u.v, -u.d1, -u.d2);
        }

        public double order() {
            return a.order();
        }

        public Dual reduced(double s) {
            Dual u = a.reduced(s);
            return new Dual(-u.v, -u.d1, -u.d2);
        }
    }

    /** u^p with a numeric exponent p; {@code sqrt(u)} is u^0.5. */
    private record Pow(Node a, double p) implements Node {
        public Dual at(double mu) {
            return a.at(mu).pow(p);
        }

        public double order() {
            return a.order() * p;
        }

        public Dual reduced(double s) {
            return a.reduced(s).pow(p);
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
