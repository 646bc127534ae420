package org.nsbi.stats.likelihood;

import org.nsbi.stats.model.EventTable;
import org.nsbi.stats.model.EventTables;
import org.nsbi.stats.model.MixtureModel;

/**
 * One part of a data set's events (e.g. one block of a distributed reference sample) as a term of an NLL:
 * {@link EventTerms} E_part = &minus;&Sigma;_{i in part} w_i ln &lambda;_i(&theta;) and its derivatives, from the production
 * kernel ({@link Nll#of}) built once on the part. The kernel's NLL carries the yield and constraint terms
 * &nu;(&theta;) + &frac12;&Sigma;&alpha;&sup2;; they are taken off again with the same kernel on no events, so the parts of a data
 * set sum to its NLL without those terms, which {@link SummedNll} adds once. Not thread-safe.
 */
public final class EventPart {

    private final Nll events;
    private final Nll none;
    private final int dim;

    private EventPart(Nll events, Nll none) {
        this.events = events;
        this.none = none;
        this.dim = events.dimension();
    }

    /** The part {@code table} with weights {@code weights} (null: the table's own). */
    public static EventPart of(MixtureModel model, EventTable table, double[] weights) {
        double[] zero = new double[model.nuisanceCount()];
        return new EventPart(Nll.of(model, table, weights, zero), Nll.of(model, EventTables.empty(model), null, zero));
    }

    /** The number of events with weight &gt; 0. */
    public int events() {
        return events.events();
    }

    /** &Sigma;_i w_i over the part. */
    public double sumOfWeights() {
        return events.sumOfWeights();
    }

    /** E_part(&theta;) with its gradient and Hessian as asked; a density &le; 0 is recorded, not thrown. */
    public EventTerms evaluate(double[] theta, boolean withGradient, boolean withHessian) {
        EventTerms out = new EventTerms(dim, withGradient, withHessian);
        double[] g = withGradient || withHessian ? new double[dim] : null;
        double[] h = withHessian ? new double[dim * dim] : null;
        double[] g0 = g == null ? null : new double[dim];
        double[] h0 = h == null ? null : new double[dim * dim];
        try {
            double v = events.evaluate(theta, g, h);
            double v0 = none.evaluate(theta, g0, h0);
            out.addDifference(v, g, h, v0, g0, h0);
        } catch (NonPositiveDensityException e) {
            out.fail(e);
        }
        return out;
    }

    /** E_part at fixed &alpha; for each &mu; of {@code mus} (+&infin; where a density is &le; 0). */
    public double[] scan(double[] alpha, double[] mus) {
        double[] v = events.valuesAtFixedAlpha(alpha, mus);
        double[] v0 = none.valuesAtFixedAlpha(alpha, mus);
        for (int m = 0; m < v.length; m++) {
            v[m] -= v0[m];
        }
        return v;
    }
}
