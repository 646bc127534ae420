package org.nsbi.model.output;

/**
 * An endpoint of the interval the grid refinement aimed at (neyman --grid-precision), on the final grid.
 *
 * @param cl              the confidence level
 * @param mu              the endpoint where t_obs crosses the linearly interpolated t_c between the grid points
 * @param bracketLo       the grid point below it
 * @param bracketHi       the grid point above it
 * @param gridUncertainty how far the grid spacing may move it (the linear interpolation's remainder over the slope)
 */
public record GridEndpoint(double cl, double mu, double bracketLo, double bracketHi, double gridUncertainty) {
}
