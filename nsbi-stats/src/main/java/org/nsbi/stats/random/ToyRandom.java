package org.nsbi.stats.random;

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
 * purposes ("toy", "observed", "coverage") never share a stream.
 */
public final class ToyRandom {

    private ToyRandom() {
    }

    /** The stream of toy {@code toyIndex} at grid point {@code muIndex}. */
    public static UniformRandomProvider forToy(long runSeed, int muIndex, int toyIndex) {
        return of(runSeed, "toy", muIndex, toyIndex);
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
