package org.nsbi.stats.fit;

/** How a fit ended. */
public enum FitStatus {
    /** The expected distance to the minimum (edm) fell below the tolerance at a point where the Hessian of the free parameters is positive definite. */
    CONVERGED,
    /** No convergence from any start; the result's message says why. Never replaced by a plausible number. */
    FAILED
}
