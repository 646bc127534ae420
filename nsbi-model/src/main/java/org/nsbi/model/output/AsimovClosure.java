package org.nsbi.model.output;

/**
 * The Asimov closure at one grid point: &Sigma; w_A over the reference sample against the expected yield &nu;.
 *
 * @param mu         the grid point
 * @param sumWAsimov &Sigma; w_A
 * @param nu         &nu;(&mu;, &alpha;)
 * @param closure    &Sigma; w_A / &nu; (&asymp; 1)
 */
public record AsimovClosure(double mu, double sumWAsimov, double nu, double closure) {

    /** The closure of the Asimov weights {@code a} at the grid point {@code mu}. */
    public static AsimovClosure of(double mu, org.nsbi.stats.likelihood.AsimovWeights a) {
        return new AsimovClosure(mu, a.sum(), a.yield(), a.closure());
    }
}
