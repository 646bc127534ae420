package org.nsbi.model.output;

/**
 * The failed fits of one grid point (they stay in the belt, counted as t = +&infin;).
 *
 * @param mu       the grid point
 * @param failed   toys whose fit failed
 * @param fraction failed / toys per point
 */
public record FailedFits(double mu, int failed, double fraction) {
}
