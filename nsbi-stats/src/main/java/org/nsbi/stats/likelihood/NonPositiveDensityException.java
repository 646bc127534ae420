package org.nsbi.stats.likelihood;

import java.util.Arrays;

/**
 * The mixture density &Sigma;_c F_c g_c r_c at an event is &le; 0 (or NaN) at some parameters, so the
 * likelihood is undefined there. Never replaced by a silent NaN: the message names the event and the
 * parameters.
 */
public final class NonPositiveDensityException extends ArithmeticException {

    private static final long serialVersionUID = 1L;
    private final int event;

    public NonPositiveDensityException(int event, double density, double mu, double[] alpha) {
        super("the mixture density at event " + event + " is " + density + " at mu = " + mu + ", alpha = "
                + Arrays.toString(alpha) + "; expected > 0 (check the ratios of that event and the coefficients)");
        this.event = event;
    }

    /** The event's index in the table the likelihood was built on. */
    public int event() {
        return event;
    }
}
