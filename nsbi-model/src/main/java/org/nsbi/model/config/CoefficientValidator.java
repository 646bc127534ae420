package org.nsbi.model.config;

import java.util.List;

/**
 * The hook through which nsbi-stats' expression parser validates the coefficients f_c(&mu;) during config
 * validation. nsbi-model does not parse expressions: {@link #NOT_VALIDATED_HERE} only lets non-blank strings
 * through, and the caller that has the parser (the CLI) passes its own validator.
 */
@FunctionalInterface
public interface CoefficientValidator {

    /** Accepts every non-blank expression; the real check is nsbi-stats' parser, plugged in by the caller. */
    CoefficientValidator NOT_VALIDATED_HERE = (expression, poiName) -> List.of();

    /**
     * The problems of one expression, each as "expected ..., found ..." text (empty if it is valid).
     *
     * @param expression the coefficient as written
     * @param poiName    the parameter of interest's name, the one free variable allowed
     */
    List<String> problems(String expression, String poiName);
}
