package org.nsbi.spark.distributed;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.storage.RDDInfo;
import org.apache.spark.util.LongAccumulator;
import org.junit.jupiter.api.Test;
import org.nsbi.model.synthetic.SyntheticAnalysis;
import org.nsbi.model.synthetic.SyntheticSpec;
import org.nsbi.spark.SharedSpark;
import org.nsbi.stats.likelihood.EventPart;
import org.nsbi.stats.likelihood.SummedNll;
import org.nsbi.stats.model.KeyedBlock;
import org.nsbi.stats.model.MixtureModel;

/**
 * {@link DistributedNll}'s two rules: its parts' columns are cached exactly when they take at most half the free
 * storage memory (else rebuilt in every job), and a job's sums are added in partition order, whatever order the
 * tasks end in.
 */
class DistributedNllTest {

    private static final SyntheticAnalysis ANALYSIS = SyntheticAnalysis.of(new SyntheticSpec(3, 2, 2, 600, 100, 5));

    private static JavaSparkContext jsc() {
        return JavaSparkContext.fromSparkContext(SharedSpark.session().sparkContext());
    }

    /** The reference sample's blocks in {@code slices} partitions, each block's part counted in {@code builds}. */
    private static JavaRDD<EventPart> parts(List<KeyedBlock> blocks, int slices, LongAccumulator builds) {
        MixtureModel model = ANALYSIS.model();
        return jsc().parallelize(blocks, slices).map(b -> {
            builds.add(1);
            return EventPart.of(model, b.table(), null);
        });
    }

    private static List<KeyedBlock> blocks() {
        List<KeyedBlock> blocks = new ArrayList<>();
        for (int b = 0; b < ANALYSIS.spec().blocks(); b++) {
            blocks.add(new KeyedBlock(b, ANALYSIS.referenceBlock(b).table()));
        }
        return blocks;
    }

    private static double[] theta(MixtureModel model) {
        double[] theta = new double[1 + model.nuisanceCount()];
        theta[0] = 1.2;
        for (int k = 1; k < theta.length; k++) {
            theta[k] = 0.1 * k;
        }
        return theta;
    }

    private static RDDInfo storage(JavaRDD<?> rdd) {
        for (RDDInfo info : SharedSpark.session().sparkContext().getRDDStorageInfo()) {
            if (info.id() == rdd.id()) {
                return info;
            }
        }
        return null;
    }

    /**
     * The storage of {@code rdd} once {@code partitions} of its partitions are reported cached, or as reported after
     * 30 s: Spark's storage info comes from its status store, which the asynchronous listener bus fills (on a loaded
     * machine it lagged behind a finished job: 2 of 3 cached partitions reported).
     */
    private static RDDInfo storageOnceReported(JavaRDD<?> rdd, int partitions) {
        long until = System.nanoTime() + 30_000_000_000L;
        RDDInfo info = storage(rdd);
        while ((info == null || info.numCachedPartitions() < partitions) && System.nanoTime() < until) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            info = storage(rdd);
        }
        return info;
    }

    @Test
    void columnsAreCachedWhenTheyTakeAtMostHalfTheFreeStorageElseRebuiltInEveryJob() {
        MixtureModel model = ANALYSIS.model();
        List<KeyedBlock> blocks = blocks();
        long events = blocks.stream().mapToLong(b -> b.table().size()).sum();
        long bytes = DistributedNll.columnBytes(model, events, blocks.size());
        double[] aux = new double[model.nuisanceCount()];
        double[] theta = theta(model);
        int jobs = 3;

        LongAccumulator cachedBuilds = jsc().sc().longAccumulator();
        double[][] cachedAnswers = new double[jobs][];
        try (DistributedNll cached = DistributedNll.sized(parts(blocks, 3, cachedBuilds), model, aux, bytes, 2 * bytes)) {
            assertTrue(cached.columnsCached(), "columns of " + bytes + " bytes, " + 2 * bytes + " free: cached");
            RDDInfo info = storageOnceReported(cached.parts(), 3);
            assertTrue(info != null && info.numCachedPartitions() == 3, "every partition's parts in storage: " + info);
            assertTrue(info.memSize() <= bytes && info.memSize() >= bytes / 2, "the rule's estimate (" + bytes
                    + " bytes) is the parts' size in storage (" + info.memSize() + " bytes), or up to twice it");
            for (int j = 0; j < jobs; j++) {
                cachedAnswers[j] = terms(cached, theta);
            }
            assertEquals(blocks.size(), cachedBuilds.value(), "each part built once, then read from the cache");
        }

        LongAccumulator rebuilds = jsc().sc().longAccumulator();
        try (DistributedNll rebuilt = DistributedNll.sized(parts(blocks, 3, rebuilds), model, aux, bytes, 2 * bytes - 2)) {
            assertFalse(rebuilt.columnsCached(), "columns of " + bytes + " bytes, " + (2 * bytes - 2) + " free: not cached");
            assertEquals(null, storage(rebuilt.parts()), "nothing of the parts in storage");
            for (int j = 0; j < jobs; j++) {
                assertArrayEquals(cachedAnswers[j], terms(rebuilt, theta), "rebuilt parts give the cached ones' sums");
            }
            assertEquals((long) blocks.size() * (1 + jobs), rebuilds.value(),
                    "each part built for the counting job and again in each of the " + jobs + " jobs");
        }
    }

    private static double[] terms(DistributedNll nll, double[] theta) {
        return terms(nll.nll(), theta);
    }

    /** The value then the gradient then the Hessian at theta. */
    private static double[] terms(org.nsbi.stats.likelihood.Nll nll, double[] theta) {
        int d = theta.length;
        double[] g = new double[d];
        double[] h = new double[d * d];
        double v = nll.evaluate(theta, g, h);
        double[] out = new double[1 + d + d * d];
        out[0] = v;
        System.arraycopy(g, 0, out, 1, d);
        System.arraycopy(h, 0, out, 1 + d, d * d);
        return out;
    }

    /**
     * A job's sums are added in partition order: with the first partition ending last, the value, gradient and Hessian
     * equal to the last bit those of the same parts summed in partition order in this JVM (a sum in task-completion
     * order differs in the last bits).
     */
    @Test
    void aJobsSumsAreAddedInPartitionOrderWhateverOrderTheTasksEndIn() {
        MixtureModel model = ANALYSIS.model();
        List<KeyedBlock> blocks = blocks();
        double[] aux = new double[model.nuisanceCount()];
        JavaRDD<EventPart> late = jsc().parallelize(blocks, blocks.size()).mapPartitionsWithIndex((index, it) -> {
            if (index == 0) {
                Thread.sleep(1500); // the first partition ends last
            }
            List<EventPart> ps = new ArrayList<>();
            it.forEachRemaining(b -> ps.add(EventPart.of(model, b.table(), null)));
            return ps.iterator();
        }, true);
        List<EventPart> inOrder = new ArrayList<>();
        for (KeyedBlock b : blocks) {
            inOrder.add(EventPart.of(model, b.table(), null));
        }
        double[] expected = terms(SummedNll.local(model, aux, inOrder), theta(model));
        try (DistributedNll nll = DistributedNll.sized(late, model, aux, 1L, 0L)) {
            for (int rep = 0; rep < 2; rep++) {
                assertArrayEquals(expected, terms(nll.nll(), theta(model)), 0, "value, gradient and Hessian, run " + rep);
            }
        }
    }
}
