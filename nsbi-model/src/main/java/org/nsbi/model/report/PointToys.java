package org.nsbi.model.report;

/**
 * The toys of one grid point of a Neyman construction, as the t_&mu; histogram needs them.
 *
 * @param mu     &mu;_true of the point
 * @param t      t_&mu; of the toys whose fits converged
 * @param failed toys whose fits failed (counted as t = +&infin;, as the belt counts them)
 */
public record PointToys(double mu, double[] t, int failed) {

    public PointToys {
        if (failed < 0) {
            throw new IllegalArgumentException("failed toys at mu = " + mu + " is " + failed + "; expected >= 0");
        }
        t = t.clone();
    }

    /** All toys of the point, converged or not. */
    public int total() {
        return t.length + failed;
    }

    @Override
    public double[] t() {
        return t.clone();
    }
}
