package org.nsbi.spark.distributed;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.storage.StorageLevel;
import org.nsbi.stats.likelihood.EventPart;
import org.nsbi.stats.likelihood.EventTerms;
import org.nsbi.stats.likelihood.SummedNll;
import org.nsbi.stats.model.MixtureModel;

/**
 * The NLL of a data set whose events stay on the executors: one {@link EventPart} per block of events, built
 * once on the executor that holds the block and kept there (persisted deserialized, MEMORY_ONLY: an evicted
 * part is rebuilt from its lineage). Every evaluation is one Spark job, a tree aggregate of the parts'
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

    private DistributedNll(JavaRDD<EventPart> parts, MixtureModel model, double[] aux) {
        this.parts = parts.persist(StorageLevel.MEMORY_ONLY());
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

    /** The NLL of the parts with auxiliary measurements {@code aux}; builds and persists the parts (one Spark job). */
    static DistributedNll of(JavaRDD<EventPart> parts, MixtureModel model, double[] aux) {
        return new DistributedNll(parts, model, aux);
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
