package org.nsbi.model.output;

/**
 * One process ratio's closure on the reference sample: C_c = &Sigma; &#375; r_c (&#375; = w / &Sigma; w), which is 1
 * for a calibrated ratio up to its Monte Carlo error.
 *
 * @param process the process
 * @param closure C_c
 * @param mcError &radic;(&Sigma; &#375;&sup2; (r_c &minus; C_c)&sup2;), the standard error of the self-normalised estimate
 * @param pull    (C_c &minus; 1) / mcError (0 when mcError is 0)
 */
public record ProcessClosure(String process, double closure, double mcError, double pull) {
}
