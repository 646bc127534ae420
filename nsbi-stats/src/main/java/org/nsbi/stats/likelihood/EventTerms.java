package org.nsbi.stats.likelihood;

import java.io.Serializable;
import java.util.Arrays;

/**
 * The event terms of an NLL, summed over some of the events: E = &minus;&Sigma;_i w_i ln &lambda;_i(&theta;) with its gradient
 * and Hessian (null where not asked for), or the {@link NonPositiveDensityException} of the first part that
 * met a density &le; 0. Serializable and mergeable ({@link #add}), so parts can be summed anywhere, e.g. in a
 * tree aggregate.
 */
public final class EventTerms implements Serializable {

    private static final long serialVersionUID = 1L;

    private double value;
    private final double[] grad;
    private final double[] hess;
    private NonPositiveDensityException failure;

    /** Zero terms for a D-parameter NLL, with room for the gradient and Hessian as asked. */
    public EventTerms(int dimension, boolean withGradient, boolean withHessian) {
        this.grad = withGradient || withHessian ? new double[dimension] : null;
        this.hess = withHessian ? new double[dimension * dimension] : null;
    }

    /** Adds {@code other} (of the same shape) into this one and returns this. */
    public EventTerms add(EventTerms other) {
        if (failure != null) {
            return this;
        }
        if (other.failure != null) {
            failure = other.failure;
            return this;
        }
        value += other.value;
        addInto(grad, other.grad);
        addInto(hess, other.hess);
        return this;
    }

    /** Adds NLL terms computed elsewhere: {@code v}, {@code g}, {@code h} minus {@code v0}, {@code g0}, {@code h0}. */
    void addDifference(double v, double[] g, double[] h, double v0, double[] g0, double[] h0) {
        value += v - v0;
        if (grad != null) {
            for (int a = 0; a < grad.length; a++) {
                grad[a] += g[a] - g0[a];
            }
        }
        if (hess != null) {
            for (int a = 0; a < hess.length; a++) {
                hess[a] += h[a] - h0[a];
            }
        }
    }

    void fail(NonPositiveDensityException e) {
        if (failure == null) {
            failure = e;
        }
    }

    private static void addInto(double[] to, double[] from) {
        if (to != null) {
            for (int a = 0; a < to.length; a++) {
                to[a] += from[a];
            }
        }
    }

    public double value() {
        return value;
    }

    /** The gradient (not a copy), or null. */
    double[] gradient() {
        return grad;
    }

    /** The Hessian, D&times;D row-major (not a copy), or null. */
    double[] hessian() {
        return hess;
    }

    /** The first density &le; 0 a part met, or null. */
    public NonPositiveDensityException failure() {
        return failure;
    }

    @Override
    public String toString() {
        return "EventTerms[" + value + ", " + Arrays.toString(grad) + (failure == null ? "" : ", " + failure.getMessage()) + "]";
    }
}
