package org.nsbi.stats.likelihood;

import java.util.List;
import org.nsbi.stats.model.EventTables;
import org.nsbi.stats.model.MixtureModel;

/**
 * An NLL whose event terms are summed by someone else, e.g. over the partitions of a distributed data set:
 * <pre>
 * NLL(&theta;) = &nu;(&theta;) + &frac12;&Sigma;_k (&alpha;_k &minus; a_k)&sup2; + &Sigma;_parts E_part(&theta;),   E_part = &minus;&Sigma;_{i in part} w_i ln &lambda;_i
 * </pre>
 * The yield and constraint terms are computed here (by the production kernel on no events); the parts'
 * sums come from {@link Parts}. A fitter ({@code ProfileFitter}) sees an ordinary {@link Nll}, so the same
 * fit logic runs on one JVM or on a cluster. A density &le; 0 in any part is thrown here as the
 * {@link NonPositiveDensityException} that part met.
 */
public final class SummedNll extends Nll {

    /** The sum over the parts of a data set of their {@link EventPart} terms. */
    public interface Parts {

        /** &Sigma;_parts E_part(&theta;), with the gradient and Hessian as asked. */
        EventTerms evaluate(double[] theta, boolean withGradient, boolean withHessian);

        /** &Sigma;_parts E_part at fixed &alpha; for each &mu;. */
        double[] scan(double[] alpha, double[] mus);

        /**
         * The answers to several requests, in their order. By default one after another; parts that
         * {@link #batches()} answer them together (e.g. in one Spark job), each as if asked alone.
         */
        default List<Answer> answer(List<Request> requests) {
            List<Answer> out = new java.util.ArrayList<>(requests.size());
            for (Request r : requests) {
                out.add(r.isScan() ? new Answer(null, scan(r.alpha(), r.mus()))
                        : new Answer(evaluate(r.theta(), r.withGradient(), r.withHessian()), null));
            }
            return out;
        }

        /**
         * True when {@link #answer} of many requests costs much less than asking them one by one (each evaluation
         * a distributed job): then {@link Lockstep} runs independent fits together, one batch per round.
         */
        default boolean batches() {
            return false;
        }
    }

    /**
     * A request to the parts: an evaluation at &theta; (gradient and Hessian as asked) or, when {@code mus} is not
     * null, a scan at fixed &alpha; over {@code mus}.
     */
    public record Request(double[] theta, boolean withGradient, boolean withHessian, double[] alpha, double[] mus)
            implements java.io.Serializable {

        public static Request evaluation(double[] theta, boolean withGradient, boolean withHessian) {
            return new Request(theta.clone(), withGradient, withHessian, null, null);
        }

        public static Request scan(double[] alpha, double[] mus) {
            return new Request(null, false, false, alpha.clone(), mus.clone());
        }

        public boolean isScan() {
            return mus != null;
        }

        /** The answer of one part. */
        public Answer of(EventPart part) {
            return isScan() ? new Answer(null, part.scan(alpha, mus))
                    : new Answer(part.evaluate(theta, withGradient, withHessian), null);
        }
    }

    /** The answer to a {@link Request}: the event terms of an evaluation, or the values of a scan. */
    public record Answer(EventTerms terms, double[] values) implements java.io.Serializable {

        /** This answer plus {@code other}'s (of the same request), into this one; returns this. */
        public Answer add(Answer other) {
            if (terms != null) {
                terms.add(other.terms);
            } else {
                for (int m = 0; m < values.length; m++) {
                    values[m] += other.values[m];
                }
            }
            return this;
        }
    }

    private final Nll base;
    private final Parts parts;
    private final int events;
    private final double sumW;

    private SummedNll(MixtureModel model, double[] aux, int events, double sumW, Parts parts) {
        super(model);
        this.base = Nll.of(model, EventTables.empty(model), null, aux);
        this.parts = parts;
        this.events = events;
        this.sumW = sumW;
    }

    /**
     * @param aux     the auxiliary measurements
     * @param events  the number of events of weight &gt; 0 over all parts
     * @param sumW    &Sigma;_i w_i over all parts
     */
    public static SummedNll of(MixtureModel model, double[] aux, int events, double sumW, Parts parts) {
        if (aux.length != model.nuisanceCount()) {
            throw new IllegalArgumentException(aux.length + " auxiliary measurements for " + model.nuisanceCount()
                    + " nuisance parameters " + model.nuisances());
        }
        return new SummedNll(model, aux.clone(), events, sumW, parts);
    }

    /** The NLL of {@code parts} held in this JVM, summed in list order. */
    public static SummedNll local(MixtureModel model, double[] aux, List<EventPart> parts) {
        int n = 0;
        double s = 0;
        for (EventPart p : parts) {
            n += p.events();
            s += p.sumOfWeights();
        }
        int dim = 1 + model.nuisanceCount();
        return of(model, aux, n, s, new Parts() {
            @Override
            public EventTerms evaluate(double[] theta, boolean withGradient, boolean withHessian) {
                EventTerms sum = new EventTerms(dim, withGradient, withHessian);
                for (EventPart p : parts) {
                    sum.add(p.evaluate(theta, withGradient, withHessian));
                }
                return sum;
            }

            @Override
            public double[] scan(double[] alpha, double[] mus) {
                double[] sum = new double[mus.length];
                for (EventPart p : parts) {
                    double[] v = p.scan(alpha, mus);
                    for (int m = 0; m < sum.length; m++) {
                        sum[m] += v[m];
                    }
                }
                return sum;
            }
        });
    }

    /** The parts summed here. */
    Parts parts() {
        return parts;
    }

    /** The same NLL summing {@code other} parts (e.g. a view that routes its requests through a batch). */
    SummedNll withParts(Parts other) {
        return new SummedNll(model(), base.aux(), events, sumW, other);
    }

    @Override
    public int events() {
        return events;
    }

    @Override
    public double sumOfWeights() {
        return sumW;
    }

    @Override
    public double[] aux() {
        return base.aux();
    }

    @Override
    protected double compute(double[] theta, double[] grad, double[] hess) {
        double v = base.evaluate(theta, grad, hess);
        EventTerms t = parts.evaluate(theta, grad != null, hess != null);
        if (t.failure() != null) {
            throw t.failure();
        }
        if (grad != null) {
            double[] g = t.gradient();
            for (int a = 0; a < grad.length; a++) {
                grad[a] += g[a];
            }
        }
        if (hess != null) {
            double[] h = t.hessian();
            for (int a = 0; a < hess.length; a++) {
                hess[a] += h[a];
            }
        }
        return v + t.value();
    }

    @Override
    protected double[] scan(double[] alpha, double[] mus) {
        double[] v = base.valuesAtFixedAlpha(alpha, mus);
        double[] e = parts.scan(alpha, mus);
        for (int m = 0; m < v.length; m++) {
            v[m] += e[m];
        }
        return v;
    }
}
