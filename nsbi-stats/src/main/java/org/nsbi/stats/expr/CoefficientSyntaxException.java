package org.nsbi.stats.expr;

/**
 * A coefficient expression that does not parse or names an unknown symbol. The message quotes the
 * expression and marks the fault with a caret under it, e.g.
 * <pre>
 * cannot read coefficient "mu - sqrt(nu)": unknown symbol 'nu'; expected mu, a number, sqrt(...) or (...)
 *   mu - sqrt(nu)
 *             ^
 * </pre>
 */
public final class CoefficientSyntaxException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;
    private final String text;
    private final int position;
    private final String problem;

    CoefficientSyntaxException(String text, int position, String problem) {
        super("cannot read coefficient \"" + text + "\": " + problem + "\n  " + text + "\n  " + " ".repeat(position) + "^");
        this.text = text;
        this.position = position;
        this.problem = problem;
    }

    /** The expression as written. */
    public String text() {
        return text;
    }

    /** The 0-based character position of the fault. */
    public int position() {
        return position;
    }

    /** What is wrong, without the expression (for config messages that quote the key path instead). */
    public String problem() {
        return problem;
    }
}
