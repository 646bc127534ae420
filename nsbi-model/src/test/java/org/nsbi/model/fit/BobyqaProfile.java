package org.nsbi.model.fit;

import java.util.Arrays;
import org.apache.commons.math3.analysis.MultivariateFunction;
import org.apache.commons.math3.optim.InitialGuess;
import org.apache.commons.math3.optim.MaxEval;
import org.apache.commons.math3.optim.PointValuePair;
import org.apache.commons.math3.optim.SimpleBounds;
import org.apache.commons.math3.optim.nonlinear.scalar.GoalType;
import org.apache.commons.math3.optim.nonlinear.scalar.ObjectiveFunction;
import org.apache.commons.math3.optim.nonlinear.scalar.noderiv.BOBYQAOptimizer;
import org.nsbi.stats.likelihood.Nll;
import org.nsbi.stats.model.MixtureModel;

/**
 * The profile likelihood by an independent minimiser, Commons Math's BOBYQA (derivative-free, bounded), to check
 * the Newton fits ({@code ProfileFitter}) against: the conditional minimum over &alpha; at a fixed &mu; and the
 * global one over (p, &alpha;), p the fit variable ({@link Nll#p}: &mu; or &radic;&mu;), each the lowest of BOBYQA's runs from
 * the given starts, within the model's bounds.
 *
 * @param conditional the NLL's conditional minimum at {@code mu}
 * @param global      the NLL's global minimum
 */
public record BobyqaProfile(double mu, double conditional, double global) {

    /** t(&mu;) = 2 (conditional &minus; global). */
    public double t() {
        return 2 * (conditional - global);
    }

    /**
     * The minima of {@code nll} at {@code mu}: the conditional one from &alpha; = 0 and from &alpha; = aux; the global one
     * from &alpha; = 0 with p at each of {@code pStarts}.
     */
    public static BobyqaProfile of(Nll nll, double mu, double... pStarts) {
        MixtureModel m = nll.model();
        int nk = m.nuisanceCount();
        double[] lo = new double[nk];
        double[] hi = new double[nk];
        for (int k = 0; k < nk; k++) {
            lo[k] = m.alphaLow(k);
            hi[k] = m.alphaHigh(k);
        }
        double cond = minimum(a -> nll.value(mu, a), lo, hi, new double[nk], nll.aux()).getValue();
        double[] glo = new double[nk + 1];
        double[] ghi = new double[nk + 1];
        glo[0] = nll.p(m.muMin());
        ghi[0] = nll.p(m.muMax());
        System.arraycopy(lo, 0, glo, 1, nk);
        System.arraycopy(hi, 0, ghi, 1, nk);
        MultivariateFunction g = x -> nll.value(nll.mu(x[0]), Arrays.copyOfRange(x, 1, nk + 1));
        double[][] starts = new double[pStarts.length][nk + 1];
        for (int i = 0; i < starts.length; i++) {
            starts[i][0] = pStarts[i];
        }
        return new BobyqaProfile(mu, cond, minimum(g, glo, ghi, starts).getValue());
    }

    /** min over the box [lo, hi] of f, by BOBYQA from each start, the lowest. */
    public static PointValuePair minimum(MultivariateFunction f, double[] lo, double[] hi, double[]... starts) {
        PointValuePair best = null;
        for (double[] start : starts) {
            PointValuePair p = new BOBYQAOptimizer(2 * lo.length + 1, 0.3, 1e-10).optimize(new MaxEval(400_000),
                    new ObjectiveFunction(f), GoalType.MINIMIZE, new InitialGuess(start), new SimpleBounds(lo, hi));
            if (best == null || p.getValue() < best.getValue()) {
                best = p;
            }
        }
        return best;
    }
}
