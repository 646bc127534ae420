package org.nsbi.stats.fit;

import java.util.List;
import org.nsbi.stats.expr.Coefficient;
import org.nsbi.stats.likelihood.Nll;
import org.nsbi.stats.model.MixtureModel;
import org.nsbi.stats.model.Process;

/** A test NLL that is a given surface f(&mu;, &alpha;) with analytic derivatives, &mu; in [0, 10], &alpha; in [&minus;5, 5]. */
class SurfaceNll extends Nll {

    /** f(&mu;, &alpha;) with its gradient and Hessian (either may be null; the Hessian row-major 2&times;2). */
    interface Surface {
        double at(double mu, double a, double[] grad, double[] hess);
    }

    private final Surface f;

    SurfaceNll(Surface f) {
        super(MixtureModel.of(List.of(Process.unaffected("S", 1, Coefficient.parse("mu"), 1)), List.of("alpha"),
                "mu", 0, 10));
        this.f = f;
    }

    @Override
    public double[] aux() {
        return new double[1];
    }

    @Override
    public int events() {
        return 0;
    }

    @Override
    public double sumOfWeights() {
        return 0;
    }

    @Override
    protected double compute(double[] theta, double[] grad, double[] hess) {
        return f.at(theta[0], theta[1], grad, hess);
    }

    @Override
    protected double[] scan(double[] alpha, double[] mus) {
        double[] out = new double[mus.length];
        for (int m = 0; m < mus.length; m++) {
            out[m] = f.at(mus[m], alpha[0], null, null);
        }
        return out;
    }

    /** Evaluations so far in {@code stage}. */
    long evaluations(Stage stage) {
        return evaluationCounts().get(stage);
    }
}
