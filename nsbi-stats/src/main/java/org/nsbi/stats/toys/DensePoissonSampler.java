package org.nsbi.stats.toys;

import java.util.Arrays;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.PoissonSampler;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;

/**
 * The straightforward Poisson bootstrap, the reference the sparse sampler is checked against: every
 * event i gets its own w_pe,i ~ Poisson(w_A,i), O(N) per toy. Small means by inversion (the
 * usual sequential search of the Poisson CDF), means above 30 by Commons RNG's {@link PoissonSampler};
 * then the aux measurements a_k = &alpha;_true,k + N(0,1).
 */
public final class DensePoissonSampler implements PseudoExperimentSampler {

    private final double[] w;
    private final double[] expMinusW;
    private final double[] alphaTrue;

    private DensePoissonSampler(double[] w, double[] alphaTrue) {
        this.w = w;
        this.alphaTrue = alphaTrue;
        this.expMinusW = new double[w.length];
        for (int i = 0; i < w.length; i++) {
            expMinusW[i] = Math.exp(-w[i]);
        }
    }

    public static DensePoissonSampler of(double[] asimovWeights, double[] alphaTrue) {
        AsimovInput.total(asimovWeights);
        return new DensePoissonSampler(asimovWeights.clone(), alphaTrue.clone());
    }

    @Override
    public PseudoExperiment draw(UniformRandomProvider rng) {
        int[] idx = new int[64];
        int[] count = new int[64];
        int m = 0;
        for (int i = 0; i < w.length; i++) {
            int k;
            if (w[i] > 30) {
                k = PoissonSampler.of(rng, w[i]).sample();
            } else {
                double u = rng.nextDouble();
                double p = expMinusW[i];
                double cum = p;
                k = 0;
                while (u > cum && p > 0) {
                    k++;
                    p *= w[i] / k;
                    cum += p;
                }
            }
            if (k > 0) {
                if (m == idx.length) {
                    idx = Arrays.copyOf(idx, 2 * m);
                    count = Arrays.copyOf(count, 2 * m);
                }
                idx[m] = i;
                count[m] = k;
                m++;
            }
        }
        double[] aux = AsimovInput.aux(alphaTrue, ZigguratSampler.NormalizedGaussian.of(rng));
        return new PseudoExperiment(Arrays.copyOf(idx, m), Arrays.copyOf(count, m), aux);
    }
}
