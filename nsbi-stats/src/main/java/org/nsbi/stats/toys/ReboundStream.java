package org.nsbi.stats.toys;

import java.util.stream.DoubleStream;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import org.apache.commons.rng.UniformRandomProvider;

/**
 * A stream that forwards every call to the stream it is bound to ({@link #bind}): samplers built once on it (Commons'
 * Poisson and Gaussian samplers, whose {@code withUniformRandomProvider} or {@code of} make new objects) draw from each
 * toy's own stream in turn, with exactly the calls they would make on it, so the same numbers. Every method of
 * {@link UniformRandomProvider} is forwarded, not only {@code nextLong}: a generator's own {@code nextInt} or
 * {@code nextDouble} may differ from the interface's defaults. One per thread; not thread-safe.
 */
final class ReboundStream implements UniformRandomProvider {

    private UniformRandomProvider to;

    /** Binds this to {@code stream}; returns this. */
    ReboundStream bind(UniformRandomProvider stream) {
        this.to = stream;
        return this;
    }

    @Override
    public void nextBytes(byte[] bytes) {
        to.nextBytes(bytes);
    }

    @Override
    public void nextBytes(byte[] bytes, int start, int len) {
        to.nextBytes(bytes, start, len);
    }

    @Override
    public int nextInt() {
        return to.nextInt();
    }

    @Override
    public int nextInt(int n) {
        return to.nextInt(n);
    }

    @Override
    public int nextInt(int origin, int bound) {
        return to.nextInt(origin, bound);
    }

    @Override
    public long nextLong() {
        return to.nextLong();
    }

    @Override
    public long nextLong(long n) {
        return to.nextLong(n);
    }

    @Override
    public long nextLong(long origin, long bound) {
        return to.nextLong(origin, bound);
    }

    @Override
    public boolean nextBoolean() {
        return to.nextBoolean();
    }

    @Override
    public float nextFloat() {
        return to.nextFloat();
    }

    @Override
    public float nextFloat(float bound) {
        return to.nextFloat(bound);
    }

    @Override
    public float nextFloat(float origin, float bound) {
        return to.nextFloat(origin, bound);
    }

    @Override
    public double nextDouble() {
        return to.nextDouble();
    }

    @Override
    public double nextDouble(double bound) {
        return to.nextDouble(bound);
    }

    @Override
    public double nextDouble(double origin, double bound) {
        return to.nextDouble(origin, bound);
    }

    @Override
    public IntStream ints() {
        return to.ints();
    }

    @Override
    public IntStream ints(int origin, int bound) {
        return to.ints(origin, bound);
    }

    @Override
    public IntStream ints(long size) {
        return to.ints(size);
    }

    @Override
    public IntStream ints(long size, int origin, int bound) {
        return to.ints(size, origin, bound);
    }

    @Override
    public LongStream longs() {
        return to.longs();
    }

    @Override
    public LongStream longs(long origin, long bound) {
        return to.longs(origin, bound);
    }

    @Override
    public LongStream longs(long size) {
        return to.longs(size);
    }

    @Override
    public LongStream longs(long size, long origin, long bound) {
        return to.longs(size, origin, bound);
    }

    @Override
    public DoubleStream doubles() {
        return to.doubles();
    }

    @Override
    public DoubleStream doubles(double origin, double bound) {
        return to.doubles(origin, bound);
    }

    @Override
    public DoubleStream doubles(long size) {
        return to.doubles(size);
    }

    @Override
    public DoubleStream doubles(long size, double origin, double bound) {
        return to.doubles(size, origin, bound);
    }
}
