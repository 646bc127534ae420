package org.nsbi.stats.expr;

import java.io.Serializable;

/**
 * A process coefficient f_c(&mu;) written by the user (primer section 1): numbers, the parameter of
 * interest, {@code + - * /}, {@code ^} with a numeric exponent, {@code sqrt(...)} and parentheses,
 * e.g. {@code mu - sqrt(mu)}, {@code 1 - sqrt(mu)}, {@code mu^2}, {@code 2.5*mu}.
 *
 * <p>Value and first and second derivatives in &mu; are exact, from the expression tree. Because
 * f(&mu;) = &radic;&mu; has an infinite slope at &mu; = 0, fits of models with a square root run in
 * s = &radic;&mu;, where such coefficients are smooth: {@link #atSqrt(double)} gives f and its
 * derivatives in s, with {@code sqrt(mu)} read as s itself (exact at s = 0).
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

    /** True where {@code sqrt} appears: the expression then needs &mu; &ge; 0. */
    public boolean requiresNonNegativeMu() {
        return hasSqrt;
    }

    /** f(&mu;). */
    public double value(double mu) {
        return root.eval(mu, false).v;
    }

    /** df/d&mu;. */
    public double derivative(double mu) {
        return root.eval(mu, false).d1;
    }

    /** d&sup2;f/d&mu;&sup2;. */
    public double secondDerivative(double mu) {
        return root.eval(mu, false).d2;
    }

    /** f, df/d&mu;, d&sup2;f/d&mu;&sup2; at &mu;, as {value, d1, d2}. */
    public double[] at(double mu) {
        Dual d = root.eval(mu, false);
        return new double[] {d.v, d.d1, d.d2};
    }

    /** f(s&sup2;) and its first and second derivatives in s, as {value, d1, d2}; s &ge; 0. */
    public double[] atSqrt(double s) {
        Dual d = root.eval(s, true);
        return new double[] {d.v, d.d1, d.d2};
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
    }

    private interface Node extends Serializable {
        /** At x = &mu; (inSqrt false) or x = s = &radic;&mu; (inSqrt true). */
        Dual eval(double x, boolean inSqrt);
    }

    private record Num(double c) implements Node {
        public Dual eval(double x, boolean inSqrt) {
            return Dual.constant(c);
        }
    }

    private record Poi() implements Node {
        public Dual eval(double x, boolean inSqrt) {
            return inSqrt ? new Dual(x * x, 2 * x, 2) : new Dual(x, 1, 0);
        }
    }

    private record Add(Node a, Node b, double sign) implements Node {
        public Dual eval(double x, boolean inSqrt) {
            Dual u = a.eval(x, inSqrt);
            Dual w = b.eval(x, inSqrt);
            return new Dual(u.v + sign * w.v, u.d1 + sign * w.d1, u.d2 + sign * w.d2);
        }
    }

    private record Mul(Node a, Node b) implements Node {
        public Dual eval(double x, boolean inSqrt) {
            Dual u = a.eval(x, inSqrt);
            Dual w = b.eval(x, inSqrt);
            return new Dual(u.v * w.v, u.d1 * w.v + u.v * w.d1, u.d2 * w.v + 2 * u.d1 * w.d1 + u.v * w.d2);
        }
    }

    private record Div(Node a, Node b) implements Node {
        public Dual eval(double x, boolean inSqrt) {
            Dual u = a.eval(x, inSqrt);
            Dual w = b.eval(x, inSqrt);
            double q = u.v / w.v;
            double q1 = (u.d1 - q * w.d1) / w.v;
            double q2 = (u.d2 - 2 * q1 * w.d1 - q * w.d2) / w.v;
            return new Dual(q, q1, q2);
        }
    }

    private record Neg(Node a) implements Node {
        public Dual eval(double x, boolean inSqrt) {
            Dual u = a.eval(x, inSqrt);
            return new Dual(-u.v, -u.d1, -u.d2);
        }
    }

    /** u^p with a numeric exponent p. */
    private record Pow(Node a, double p) implements Node {
        public Dual eval(double x, boolean inSqrt) {
            Dual u = a.eval(x, inSqrt);
            if (p == 0) {
                return Dual.constant(1);
            }
            double v = Math.pow(u.v, p);
            double g1 = p * Math.pow(u.v, p - 1);
            double g2 = p == 1 ? 0 : p * (p - 1) * Math.pow(u.v, p - 2);
            return new Dual(v, g1 * u.d1, g2 * u.d1 * u.d1 + g1 * u.d2);
        }
    }

    private record Sqrt(Node a) implements Node {
        public Dual eval(double x, boolean inSqrt) {
            if (inSqrt && a instanceof Poi) {
                return new Dual(x, 1, 0); // sqrt(s^2) = s for s >= 0: smooth through s = 0
            }
            Dual u = a.eval(x, inSqrt);
            double r = Math.sqrt(u.v);
            double d1 = u.d1 / (2 * r);
            double d2 = u.d2 / (2 * r) - u.d1 * u.d1 / (4 * r * u.v);
            return new Dual(r, d1, d2);
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
                return new Pow(base, sign * number());
            }
            return base;
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
                    return new Sqrt(arg);
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
