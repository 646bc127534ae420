package org.nsbi.model.config;

import java.util.List;

/**
 * The hook through which nsbi-stats' expression parser validates the coefficients f_c(&mu;) during config
 * validation. nsbi-model does not parse expressions: {@link #NOT_VALIDATED_HERE} only lets non-blank strings
 * through; {@link #STATS_PARSER}, the default, is nsbi-stats' parser.
 */
@FunctionalInterface
public interface CoefficientValidator {

    /** Accepts every non-blank expression (for tests of other parts of the config). */
    CoefficientValidator NOT_VALIDATED_HERE = (expression, poiName) -> List.of();

    /** nsbi-stats' parser: the expression must parse, in the parameter of interest only (the default). */
    CoefficientValidator STATS_PARSER = (expression, poiName) -> {
        try {
            org.nsbi.stats.expr.Coefficient.parse(expression, poiName);
            return List.of();
        } catch (org.nsbi.stats.expr.CoefficientSyntaxException e) {
            return List.of("expected an expression in " + poiName + " (numbers, + - * / ^, sqrt, parentheses), found \""
                    + expression + "\": " + e.problem() + " at character " + (e.position() + 1));
        }
    };

    /**
     * The problems of one expression, each as "expected ..., found ..." text (empty if it is valid).
     *
     * @param expression the coefficient as written
     * @param poiName    the parameter of interest's name, the one free variable allowed
     */
    List<String> problems(String expression, String poiName);
}
