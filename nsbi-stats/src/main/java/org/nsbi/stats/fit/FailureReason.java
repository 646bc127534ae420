package org.nsbi.stats.fit;

/**
 * Why a fit failed, besides the message's details. summary.json and the report count failures by these
 * codes ({@link #code()}).
 */
public enum FailureReason {
    /** Every start failed, for different reasons (the message lists them). */
    NO_START_CONVERGED("no_start_converged"),
    /** The Hessian of the free parameters could not be made positive definite, even with damping. */
    HESSIAN_NOT_POSITIVE_DEFINITE("hessian_not_positive_definite"),
    /** The mixture density was &le; 0 at an event wherever the fit could go. */
    NON_POSITIVE_DENSITY("non_positive_density"),
    /** The iteration limit was reached before the edm fell below the tolerance. */
    ITERATION_LIMIT("iteration_limit"),
    /** No damped step lowered the NLL, short of convergence. */
    NO_DESCENT("no_descent"),
    /**
     * The conditional NLL came out below the global one (the global fit missed its minimum) and the global
     * refit from the conditional point did not converge.
     */
    CONDITIONAL_BELOW_GLOBAL("conditional_below_global"),
    /** The fit could not be set up or threw (the message has the exception). */
    ERROR("error");

    private final String code;

    FailureReason(String code) {
        this.code = code;
    }

    /** The name used in output files. */
    public String code() {
        return code;
    }
}
