package org.nsbi.stats.random;

import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.charset.StandardCharsets;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;

/**
 * Random streams keyed by the identity of a work unit, never by who computes it. A stream's seed is
 * SplitMix64 applied in turn over the run seed, a purpose tag and the key (&mu; index, toy index, ...):
 * <pre>
 * z = run seed;  for each v in (purpose hash, key...): z = mix64(z + 0x9E3779B97F4A7C15 + v)
 * seed = (mix64(z), mix64(z ^ 0xD1B54A32D192ED03))
 * </pre>
 * and the generator is Commons RNG's XO_RO_SHI_RO_128_PP seeded with those two longs. Different
 * purposes ("toy", "coverage-simulator", "simulator/SBI", "validate-split/...", "train-mlp/...") never share a stream.
 * It is the one scheme of the project: the toys, the coverage experiments, the off-shell simulator's sample blocks
 * (purpose "simulator/" + sample, key (block, block size)), validation and training all draw from it.
 *
 * <p>A toy of the Neyman construction is keyed by its &mu; <em>value</em>, never by the &mu;'s position in a
 * grid: {@link #muKey} is the IEEE bits of &mu; rounded to {@value #MU_DIGITS} significant digits (so 0.1 + 0.2
 * and 0.3 are one point, and &minus;0 is 0). Adding or removing grid points leaves every other point's toys as
 * they were.
 */
public final class ToyRandom {

    private ToyRandom() {
    }

    /** Significant digits of the canonical &mu; key. */
    public static final int MU_DIGITS = 12;

    /** The stream of toy {@code toyIndex} at the grid point &mu; (keyed by {@link #muKey}(&mu;)). */
    public static UniformRandomProvider forToy(long runSeed, double mu, int toyIndex) {
        return of(runSeed, "toy", muKey(mu), toyIndex);
    }

    /**
     * The canonical key of a &mu; value: the bits of &mu; rounded to {@value #MU_DIGITS} significant digits, with
     * &minus;0 read as 0.
     *
     * @throws IllegalArgumentException when &mu; is not finite
     */
    public static long muKey(double mu) {
        return Double.doubleToLongBits(canonicalMu(mu));
    }

    /** &mu; rounded to {@value #MU_DIGITS} significant digits (&minus;0 as 0): the value a grid point's toys are fitted at. */
    public static double canonicalMu(double mu) {
        return decimal(mu).doubleValue();
    }

    /** {@link #canonicalMu} of each value. */
    public static double[] canonical(double[] mus) {
        double[] c = new double[mus.length];
        for (int i = 0; i < c.length; i++) {
            c[i] = canonicalMu(mus[i]);
        }
        return c;
    }

    /** The canonical &mu; as plain decimal text ("0", "0.5", "1.25"), e.g. for file names. */
    public static String muText(double mu) {
        return decimal(mu).toPlainString();
    }

    private static BigDecimal decimal(double mu) {
        if (!Double.isFinite(mu)) {
            throw new IllegalArgumentException("mu = " + mu + "; a toy's mu must be finite");
        }
        BigDecimal b = new BigDecimal(mu).round(new MathContext(MU_DIGITS)).stripTrailingZeros();
        return b.signum() == 0 ? BigDecimal.ZERO : b;
    }

    /** A stream for any purpose, keyed by {@code key}. */
    public static UniformRandomProvider of(long runSeed, String purpose, long... key) {
        long z = runSeed;
        z = mix64(z + 0x9E3779B97F4A7C15L + hash(purpose));
        for (long v : key) {
            z = mix64(z + 0x9E3779B97F4A7C15L + v);
        }
        return RandomSource.XO_RO_SHI_RO_128_PP.create(new long[] {mix64(z), mix64(z ^ 0xD1B54A32D192ED03L)});
    }

    private static long hash(String s) {
        long h = 0xCBF29CE484222325L;
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            h = (h ^ b) * 0x100000001B3L;
        }
        return h;
    }

    /** SplitMix64's finaliser (Steele, Lea, Flood 2014). */
    static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
