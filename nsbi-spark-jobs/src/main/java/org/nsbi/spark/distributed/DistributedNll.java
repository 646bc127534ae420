package org.nsbi.spark.distributed;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.storage.StorageLevel;
import org.nsbi.stats.likelihood.EventPart;
import org.nsbi.stats.likelihood.EventTerms;
import org.nsbi.stats.likelihood.SummedNll;
import org.nsbi.stats.model.MixtureModel;

/**
 * The NLL of a data set whose events stay on the executors: one {@link EventPart} per block of events, built
 * on the executor that holds the block. The parts (their likelihood columns in doubles, about
 * {@link #bytesPerEvent} bytes per event) are kept there (persisted deserialized, MEMORY_ONLY: an evicted part is
 * rebuilt from its lineage) when they take at most half the cluster's free storage memory; larger, they are not
 * cached at all but rebuilt from the blocks (kept as floats by {@link DistributedEvents}) in every evaluation, so
 * the memory stays bounded by the blocks and one part per running task, at the price of a rebuild per evaluation. Every evaluation is one Spark job, a tree aggregate of the parts'
 * {@link EventTerms} (value, gradient and Hessian: (1+K)&sup2; doubles per part travel, never events); the fit
 * itself, Newton steps included, runs on the driver on the {@link #nll()} ({@link SummedNll}), with the same
 * fitter as on one JVM. Close to release the parts.
 */
public final class DistributedNll implements SummedNll.Parts, AutoCloseable {

    /**
     * Partitions from which the sums meet on executors in two rounds before the driver (a tree of depth 2);
     * with fewer, the extra stage costs more than the driver's merging of one result per partition.
     */
    private static final int TREE_FROM = 64;

    private final JavaRDD<EventPart> parts;
    private final int dim;
    private final int depth;
    private final SummedNll nll;
    private final double sumOfWeights;
    private long jobs;

    private DistributedNll(JavaRDD<EventPart> parts, MixtureModel model, double[] aux, long events) {
        long bytes = events * bytesPerEvent(model);
        this.parts = bytes <= freeStorageBytes(parts.context()) / 2 ? parts.persist(StorageLevel.MEMORY_ONLY()) : parts;
        this.dim = 1 + model.nuisanceCount();
        this.depth = parts.getNumPartitions() >= TREE_FROM ? 2 : 1;
        // builds the parts (one job) and counts their events and weights
        double[] counts = this.parts.treeAggregate(new double[2],
                (acc, p) -> new double[] {acc[0] + p.events(), acc[1] + p.sumOfWeights()},
                (a, b) -> new double[] {a[0] + b[0], a[1] + b[1]}, depth);
        if (counts[0] > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(counts[0] + " events; at most " + Integer.MAX_VALUE + " in one data set");
        }
        this.sumOfWeights = counts[1];
        this.nll = SummedNll.of(model, aux, (int) counts[0], counts[1], this);
    }

    /**
     * The NLL of the parts ({@code events} in all) with auxiliary measurements {@code aux}; builds the parts, and
     * persists them if they fit (one Spark job).
     */
    static DistributedNll of(JavaRDD<EventPart> parts, MixtureModel model, double[] aux, long events) {
        return new DistributedNll(parts, model, aux, events);
    }

    /**
     * The bytes of a part's columns per event ({@code ColumnarNll}): weight, origin and source index, C ratios, and
     * per shape effect six code-4 coefficients and two logarithms, in doubles.
     */
    static long bytesPerEvent(MixtureModel model) {
        int effects = 0;
        for (int c = 0; c < model.processCount(); c++) {
            for (boolean s : model.process(c).shape()) {
                effects += s ? 1 : 0;
            }
        }
        return 8L * (2 + model.processCount() + 8L * effects);
    }

    /** The storage memory free for caching on the cluster's block managers (in local mode, the driver's). */
    static long freeStorageBytes(org.apache.spark.SparkContext sc) {
        long free = 0;
        for (scala.Tuple2<Object, Object> m : scala.jdk.javaapi.CollectionConverters.asJava(sc.getExecutorMemoryStatus()).values()) {
            free += (Long) m._2();
        }
        return free;
    }

    /** The NLL to fit. */
    public SummedNll nll() {
        return nll;
    }

    /** &Sigma;_i w_i over every part. */
    public double sumOfWeights() {
        return sumOfWeights;
    }

    /** The Spark jobs run by evaluations and scans so far. */
    public long jobs() {
        return jobs;
    }

    @Override
    public EventTerms evaluate(double[] theta, boolean withGradient, boolean withHessian) {
        jobs++;
        double[] at = theta.clone();
        int d = dim;
        return parts.treeAggregate(new EventTerms(d, withGradient, withHessian),
                (acc, p) -> acc.add(evaluatePart(p, at, withGradient, withHessian)), EventTerms::add, depth);
    }

    @Override
    public double[] scan(double[] alpha, double[] mus) {
        jobs++;
        double[] a = alpha.clone();
        double[] m = mus.clone();
        return parts.treeAggregate(new double[m.length], (acc, p) -> plus(acc, scanPart(p, a, m)),
                DistributedNll::plus, depth);
    }

    /** A part is used by one task at a time (it holds scratch buffers); speculative copies wait their turn. */
    private static EventTerms evaluatePart(EventPart p, double[] theta, boolean g, boolean h) {
        synchronized (p) {
            return p.evaluate(theta, g, h);
        }
    }

    private static double[] scanPart(EventPart p, double[] alpha, double[] mus) {
        synchronized (p) {
            return p.scan(alpha, mus);
        }
    }

    private static double[] plus(double[] acc, double[] v) {
        for (int i = 0; i < acc.length; i++) {
            acc[i] += v[i];
        }
        return acc;
    }

    @Override
    public void close() {
        parts.unpersist(false);
    }
}
