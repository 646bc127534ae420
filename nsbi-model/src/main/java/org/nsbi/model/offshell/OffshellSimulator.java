package org.nsbi.model.offshell;

import static org.nsbi.model.offshell.OffshellToy.K_B2;
import static org.nsbi.model.offshell.OffshellToy.K_NI2;
import static org.nsbi.model.offshell.OffshellToy.K_S2;
import static org.nsbi.model.offshell.OffshellToy.M_MAX;
import static org.nsbi.model.offshell.OffshellToy.M_MIN;
import static org.nsbi.model.offshell.OffshellToy.M_UNIT;
import static org.nsbi.model.offshell.OffshellToy.NI_Y_SIGMA;
import static org.nsbi.model.offshell.OffshellToy.powerLawIntegral;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.NormalizedGaussianSampler;
import org.apache.commons.rng.sampling.distribution.PoissonSampler;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.nsbi.stats.random.ToyRandom;

/**
 * Samples the toy's events from its exact rates, deterministically and splittably.
 *
 * <p>A sample of N events is cut into blocks of {@code blockSize}; block b holds events
 * [b·blockSize, min(N, (b+1)·blockSize)) and is a pure function of (seed, sample name, b, blockSize):
 * its generator is the keyed stream {@link ToyRandom#of}(seed, "simulator/" + sample name, b, blockSize), the one
 * scheme the toys and the coverage experiments draw from too ({@link #blockRandom}). An engine can therefore
 * generate blocks in any order, on any executor, and get the same events. Each event weighs ν_sample / N, so a sample's weights sum to
 * its yield.
 *
 * <p>How an event is drawn (true x, then measured m = s · true m, s = 1 + 0.01 α_energy_scale): true m
 * is drawn on [200/s, 1000/s], exactly the true masses that land inside the window, so no event is
 * cut. The target rate a_S σ_S + a_I σ_I + a_B σ_B + a_NI h σ_NI ({@link OffshellRates}) is sampled by
 * rejection from the envelope e·a_S σ_S + e·a_B σ_B + a_NI max(h) σ_NI with e = 2 if a_I ≠ 0 (because
 * |A + B|² ≤ 2(|A|² + |B|²)) and e = 1 otherwise; each envelope term is drawn exactly: m by the inverse
 * CDF of t^-2 or t^-3, c uniform (S) or by Cardano's root of the CDF (3c + c³ + 4)/8 of 3(1+c²)/8 (B, NI),
 * y ~ N(0, 1) or N(0, 1.6) (Commons RNG's ziggurat sampler).
 */
public final class OffshellSimulator {

    private OffshellSimulator() {
    }

    /** The number of blocks a sample of {@code totalEvents} takes: ceil(totalEvents / blockSize). */
    public static int numBlocks(long totalEvents, int blockSize) {
        checkSizes(totalEvents, blockSize);
        long n = (totalEvents + blockSize - 1) / blockSize;
        if (n > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("totalEvents = " + totalEvents + " with blockSize = " + blockSize
                    + " needs " + n + " blocks; expected at most " + Integer.MAX_VALUE);
        }
        return (int) n;
    }

    /**
     * Block {@code blockIndex} of a sample of {@code totalEvents} events cut in blocks of
     * {@code blockSize}; weights ν_sample / totalEvents.
     */
    public static OffshellEvents block(OffshellSample sample, long seed, int blockIndex, int blockSize,
                                       long totalEvents) {
        int blocks = numBlocks(totalEvents, blockSize);
        if (blockIndex < 0 || blockIndex >= blocks) {
            throw new IllegalArgumentException("blockIndex = " + blockIndex + "; expected 0 <= blockIndex < "
                    + blocks + " for " + totalEvents + " events in blocks of " + blockSize);
        }
        int n = (int) Math.min(blockSize, totalEvents - (long) blockIndex * blockSize);
        UniformRandomProvider rng = blockRandom(seed, sample.name(), blockIndex, blockSize);
        return draw(sample.rates(), rng, n, sample.yield() / totalEvents);
    }

    /** All blocks of a sample, generated one after the other and concatenated (for tests and small runs). */
    public static OffshellEvents generate(OffshellSample sample, long seed, long totalEvents, int blockSize) {
        int blocks = numBlocks(totalEvents, blockSize);
        List<OffshellEvents> parts = new ArrayList<>(blocks);
        for (int b = 0; b < blocks; b++) {
            parts.add(block(sample, seed, b, blockSize, totalEvents));
        }
        return OffshellEvents.concat(parts);
    }

    /**
     * An observed data set at the truth (μ, α), α in {@link OffshellNuisance} order: aux a_k ~ N(α_k, 1),
     * N_obs ~ Poisson(ν(μ, α)), and N_obs events from σ(x | μ, α) ({@link OffshellRates#truth}), weight 1.
     * A pure function of (mu, alpha, seed).
     */
    public static OffshellObservation observed(double mu, double[] alpha, long seed) {
        return observed(mu, alpha, blockRandom(seed, "observed", 0, 0));
    }

    /**
     * The same from a given stream (draw order: aux, N_obs, events), e.g. an experiment of a coverage check keyed by
     * its own (seed, &mu;_true, index).
     */
    public static OffshellObservation observed(double mu, double[] alpha, UniformRandomProvider rng) {
        OffshellRates truth = OffshellRates.truth(mu, alpha);
        NormalizedGaussianSampler gauss = ZigguratSampler.NormalizedGaussian.of(rng);
        double[] aux = new double[alpha.length];
        for (int k = 0; k < aux.length; k++) {
            aux[k] = alpha[k] + gauss.sample();
        }
        int n = PoissonSampler.of(rng, truth.yield()).sample();
        return new OffshellObservation(mu, alpha.clone(), draw(truth, rng, n, 1.0), aux);
    }

    /**
     * The generator of one block: {@link ToyRandom#of}(seed, "simulator/" + {@code stream}, blockIndex, blockSize), so
     * the simulator's streams and the toys' are one keyed scheme and never share a stream.
     */
    public static UniformRandomProvider blockRandom(long seed, String stream, long blockIndex, int blockSize) {
        return ToyRandom.of(seed, "simulator/" + stream, blockIndex, blockSize);
    }

    /** Draws n events of the rates by rejection from the envelope described in the class comment. */
    static OffshellEvents draw(OffshellRates rates, UniformRandomProvider rng, int n, double weight) {
        NormalizedGaussianSampler gauss = ZigguratSampler.NormalizedGaussian.of(rng);
        double lo = rates.trueMassMin();
        double hi = rates.trueMassMax();
        double e = rates.aI() != 0 ? 2.0 : 1.0;
        double hMax = Math.max(rates.niShapeFactor(lo), rates.niShapeFactor(hi));
        double wS = e * rates.aS() * K_S2 * powerLawIntegral(2, lo, hi);
        double wB = e * rates.aB() * K_B2 * powerLawIntegral(3, lo, hi);
        double wNI = rates.aNI() == 0 ? 0 : rates.aNI() * hMax * K_NI2 * powerLawIntegral(3, lo, hi);
        double total = wS + wB + wNI;
        float[] m = new float[n];
        float[] c = new float[n];
        float[] y = new float[n];
        double[] w = new double[n];
        java.util.Arrays.fill(w, weight);
        int i = 0;
        while (i < n) {
            double pick = rng.nextDouble() * total;
            double tm;
            double tc;
            double ty;
            if (pick < wS) {
                tm = powerLawInverse(2, lo, hi, rng.nextDouble());
                tc = 2.0 * rng.nextDouble() - 1.0;
                ty = gauss.sample();
            } else {
                tm = powerLawInverse(3, lo, hi, rng.nextDouble());
                tc = onePlusCosSquaredInverse(rng.nextDouble());
                ty = pick < wS + wB ? gauss.sample() : NI_Y_SIGMA * gauss.sample();
            }
            double envelope = e * rates.aS() * OffshellToy.rateS(tm, tc, ty)
                    + e * rates.aB() * OffshellToy.rateB(tm, tc, ty)
                    + (rates.aNI() == 0 ? 0 : rates.aNI() * hMax * OffshellToy.rateNI(tm, tc, ty));
            if (rng.nextDouble() * envelope < rates.trueRate(tm, tc, ty)) {
                double measured = Math.min(M_MAX, Math.max(M_MIN, tm * rates.scale()));
                m[i] = (float) measured;
                c[i] = (float) tc;
                y[i] = (float) ty;
                i++;
            }
        }
        return new OffshellEvents(m, c, y, w);
    }

    /** The inverse CDF of t^-n on [lo, hi]: 200 · (t_lo^(1−n) + u (t_hi^(1−n) − t_lo^(1−n)))^(1/(1−n)). */
    static double powerLawInverse(double n, double lo, double hi, double u) {
        double e = 1.0 - n;
        double a = Math.pow(lo / M_UNIT, e);
        double b = Math.pow(hi / M_UNIT, e);
        return M_UNIT * Math.pow(a + u * (b - a), 1.0 / e);
    }

    /**
     * The inverse CDF of 3(1+c²)/8 on [−1, 1]: the real root of c³ + 3c − (8u − 4) = 0 (Cardano),
     * c = cbrt(s/2 + √(s²/4 + 1)) + cbrt(s/2 − √(s²/4 + 1)), s = 8u − 4.
     */
    static double onePlusCosSquaredInverse(double u) {
        double s = 8.0 * u - 4.0;
        double d = Math.sqrt(0.25 * s * s + 1.0);
        return Math.max(-1.0, Math.min(1.0, Math.cbrt(0.5 * s + d) + Math.cbrt(0.5 * s - d)));
    }

    private static void checkSizes(long totalEvents, int blockSize) {
        if (totalEvents < 1) {
            throw new IllegalArgumentException("totalEvents = " + totalEvents + "; expected >= 1");
        }
        if (blockSize < 1) {
            throw new IllegalArgumentException("blockSize = " + blockSize + "; expected >= 1");
        }
    }
}
