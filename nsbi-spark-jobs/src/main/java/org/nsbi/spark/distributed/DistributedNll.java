package org.nsbi.spark.distributed;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.storage.StorageLevel;
import org.nsbi.stats.likelihood.EventPart;
import org.nsbi.stats.likelihood.EventTerms;
import org.nsbi.stats.likelihood.SummedNll;
import org.nsbi.stats.model.EventTables;
import org.nsbi.stats.model.MixtureModel;
import scala.Tuple2;

/**
 * The NLL of a data set whose events stay on the executors: one {@link EventPart} per block of events, built
 * on the executor that holds the block. The parts (their likelihood columns in doubles, about
 * {@link #columnBytes}) are kept there (persisted deserialized, MEMORY_ONLY: an evicted part is
 * rebuilt from its lineage) when they take at most half the cluster's free storage memory
 * ({@link #cachesColumns}); larger, they are not cached at all but rebuilt from the blocks (kept as floats by
 * {@link DistributedEvents}) in every job, so the memory stays bounded by the blocks and one part per running task,
 * at the price of a rebuild per job. Every job answers a batch of requests ({@link #answer}: the evaluations of all
 * fits that run in {@link org.nsbi.stats.likelihood.Lockstep}) on each part, and only the parts' sums travel
 * (value, gradient and Hessian: (1+K)&sup2; doubles per request), never events, summed in a fixed order. The fits
 * themselves, Newton steps included, run on the driver on the {@link #nll()} ({@link SummedNll}), with the same
 * fitter as on one JVM. Close to release the parts.
 */
public final class DistributedNll implements SummedNll.Parts, AutoCloseable {

    /**
     * Partitions from which a job's sums meet on executors in groups before the driver (a tree of depth 2); with
     * fewer, the extra stage costs more than the driver's merging of one result per partition.
     */
    private static final int TREE_FROM = 64;

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(DistributedNll.class);

    private final JavaRDD<EventPart> parts;
    private final int dim;
    private final SummedNll nll;
    private final double sumOfWeights;
    private long jobs;
    private long requests;
    private long jobNanos;

    private DistributedNll(JavaRDD<EventPart> parts, MixtureModel model, double[] aux, long bytes, long freeBytes) {
        this.parts = cachesColumns(bytes, freeBytes) ? parts.persist(StorageLevel.MEMORY_ONLY()) : parts;
        this.dim = 1 + model.nuisanceCount();
        // builds the parts (one job) and counts their events and weights, summed in partition order
        List<Tuple2<Integer, double[]>> perPartition = new ArrayList<>(this.parts.mapPartitionsWithIndex((index, it) -> {
            double[] c = new double[2];
            while (it.hasNext()) {
                EventPart p = it.next();
                c[0] += p.events();
                c[1] += p.sumOfWeights();
            }
            return List.of(new Tuple2<>(index, c)).iterator();
        }, true).collect());
        perPartition.sort(Comparator.comparing(Tuple2::_1));
        double[] counts = new double[2];
        for (Tuple2<Integer, double[]> c : perPartition) {
            counts[0] += c._2()[0];
            counts[1] += c._2()[1];
        }
        if (counts[0] > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(counts[0] + " events; at most " + Integer.MAX_VALUE + " in one data set");
        }
        this.sumOfWeights = counts[1];
        this.nll = SummedNll.of(model, aux, (int) counts[0], counts[1], this);
    }

    /**
     * The NLL of the parts ({@code events} in all, in {@code partCount} parts) with auxiliary measurements
     * {@code aux}; builds the parts, and persists them if they fit (one Spark job).
     */
    static DistributedNll of(JavaRDD<EventPart> parts, MixtureModel model, double[] aux, long events, long partCount) {
        return sized(parts, model, aux, columnBytes(model, events, partCount), freeStorageBytes(parts.context()));
    }

    /**
     * As {@link #of(JavaRDD, MixtureModel, double[], long, long)} for parts whose columns take {@code bytes}, with
     * {@code freeBytes} of storage memory free.
     */
    static DistributedNll sized(JavaRDD<EventPart> parts, MixtureModel model, double[] aux, long bytes, long freeBytes) {
        return new DistributedNll(parts, model, aux, bytes, freeBytes);
    }

    /** The rule: columns of {@code bytes} are cached when they take at most half the {@code freeBytes} of storage. */
    static boolean cachesColumns(long bytes, long freeBytes) {
        return bytes <= freeBytes / 2;
    }

    /**
     * The memory of {@code partCount} parts holding {@code events} events in all: {@link #bytesPerEvent} per event,
     * and per part what an empty part of the model takes as Spark measures stored objects (the kernel's buffers of
     * a block of events, the model).
     */
    static long columnBytes(MixtureModel model, long events, long partCount) {
        long perPart = org.apache.spark.util.SizeEstimator.estimate(
                EventPart.of(model, EventTables.empty(model), null));
        return events * bytesPerEvent(model) + partCount * perPart;
    }

    /** True when the parts' columns are kept in the executors' memory between jobs. */
    public boolean columnsCached() {
        return !parts.getStorageLevel().equals(StorageLevel.NONE());
    }

    /** The parts (for tests: their storage). */
    JavaRDD<EventPart> parts() {
        return parts;
    }

    /**
     * The bytes of a part's columns per event ({@code ColumnarNll}): weight, C ratios, and per shape effect six code-4
     * coefficients and two logarithms, in doubles; origin and source index in ints; and the event's row of the table
     * (its stride in floats), which the kernel keeps as its load buffer.
     */
    static long bytesPerEvent(MixtureModel model) {
        int effects = 0;
        for (int c = 0; c < model.processCount(); c++) {
            for (boolean s : model.process(c).shape()) {
                effects += s ? 1 : 0;
            }
        }
        return 8L * (1 + model.processCount() + 8L * effects) + 4L * 2 + 4L * EventTables.empty(model).stride();
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

    /** The requests (evaluations and scans at fixed &alpha;) those jobs answered. */
    public long requests() {
        return requests;
    }

    /** The wall seconds spent in those jobs (the rest of a scan's time is the driver's). */
    public double jobSeconds() {
        return jobNanos / 1e9;
    }

    @Override
    public EventTerms evaluate(double[] theta, boolean withGradient, boolean withHessian) {
        return answer(List.of(SummedNll.Request.evaluation(theta, withGradient, withHessian))).get(0).terms();
    }

    @Override
    public double[] scan(double[] alpha, double[] mus) {
        return answer(List.of(SummedNll.Request.scan(alpha, mus))).get(0).values();
    }

    @Override
    public boolean batches() {
        return true;
    }

    /**
     * Every request answered in one Spark job: each task answers all of them on its partition's parts (in the
     * partition's order), and the partitions' answers are summed in partition order, on the driver or, from
     * {@link #TREE_FROM} partitions, first in fixed groups of consecutive partitions on the executors. The sums are
     * therefore the same to the last bit from run to run, whatever order the tasks end in.
     */
    @Override
    public List<SummedNll.Answer> answer(List<SummedNll.Request> requests) {
        long start = System.nanoTime();
        try {
            return answerInOneJob(requests);
        } finally {
            jobs++;
            this.requests += requests.size();
            jobNanos += System.nanoTime() - start;
            if (LOG.isDebugEnabled()) {
                LOG.debug(String.format(java.util.Locale.ROOT, "job %d: %d requests (%d scans at fixed alpha) in %.3f s",
                        jobs, requests.size(), requests.stream().filter(SummedNll.Request::isScan).count(),
                        (System.nanoTime() - start) / 1e9));
            }
        }
    }

    private List<SummedNll.Answer> answerInOneJob(List<SummedNll.Request> requests) {
        SummedNll.Request[] rs = requests.toArray(new SummedNll.Request[0]);
        JavaPairRDD<Integer, SummedNll.Answer[]> byPartition = parts.mapPartitionsWithIndex((index, it) -> {
            SummedNll.Answer[] sum = null;
            while (it.hasNext()) {
                SummedNll.Answer[] a = answerPart(it.next(), rs);
                sum = sum == null ? a : plus(sum, a);
            }
            return sum == null ? Collections.emptyIterator() : List.of(new Tuple2<>(index, sum)).iterator();
        }, true).mapToPair(t -> t);
        List<Tuple2<Integer, SummedNll.Answer[]>> sums;
        int partitions = parts.getNumPartitions();
        if (partitions >= TREE_FROM) {
            int group = (int) Math.ceil(Math.sqrt(partitions));
            sums = byPartition.mapToPair(t -> new Tuple2<>(t._1() / group, t))
                    .groupByKey((partitions + group - 1) / group)
                    .mapToPair(g -> new Tuple2<>(g._1(), inOrder(g._2())))
                    .collect();
        } else {
            sums = byPartition.collect();
        }
        SummedNll.Answer[] total = inOrder(sums);
        if (total == null) {
            // no events: zero terms
            List<SummedNll.Answer> zero = new ArrayList<>();
            for (SummedNll.Request r : rs) {
                zero.add(r.isScan() ? new SummedNll.Answer(null, new double[r.mus().length])
                        : new SummedNll.Answer(new EventTerms(dim, r.withGradient(), r.withHessian()), null));
            }
            return zero;
        }
        return List.of(total);
    }

    /** The sum of keyed answers in key order (null if there are none). */
    private static SummedNll.Answer[] inOrder(Iterable<Tuple2<Integer, SummedNll.Answer[]>> keyed) {
        List<Tuple2<Integer, SummedNll.Answer[]>> list = new ArrayList<>();
        keyed.forEach(list::add);
        list.sort(Comparator.comparing(Tuple2::_1));
        SummedNll.Answer[] sum = null;
        for (Tuple2<Integer, SummedNll.Answer[]> t : list) {
            sum = sum == null ? t._2() : plus(sum, t._2());
        }
        return sum;
    }

    /** A part is used by one task at a time (it holds scratch buffers); speculative copies wait their turn. */
    private static SummedNll.Answer[] answerPart(EventPart p, SummedNll.Request[] requests) {
        SummedNll.Answer[] out = new SummedNll.Answer[requests.length];
        synchronized (p) {
            for (int r = 0; r < requests.length; r++) {
                out[r] = requests[r].of(p);
            }
        }
        return out;
    }

    private static SummedNll.Answer[] plus(SummedNll.Answer[] acc, SummedNll.Answer[] v) {
        for (int i = 0; i < acc.length; i++) {
            acc[i].add(v[i]);
        }
        return acc;
    }

    @Override
    public void close() {
        parts.unpersist(false);
    }
}
