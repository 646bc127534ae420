package org.nsbi.spark.jobs;

import java.util.List;
import java.util.stream.IntStream;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.nsbi.model.synthetic.SyntheticAnalysis;
import org.nsbi.stats.model.KeyedBlock;

/**
 * The reference sample of a {@link SyntheticAnalysis}, generated on the executors: one task per group of
 * blocks, block b always the same events (its stream is keyed by the seed and b), whatever the number of
 * slices or executors.
 */
public final class SyntheticJob {

    private SyntheticJob() {
    }

    /** Every block of the reference sample, keyed by its index, spread over {@code slices} partitions. */
    public static JavaRDD<KeyedBlock> reference(JavaSparkContext jsc, SyntheticAnalysis analysis, int slices) {
        List<Integer> blocks = IntStream.range(0, analysis.spec().blocks()).boxed().toList();
        return jsc.parallelize(blocks, Math.max(1, Math.min(slices, blocks.size())))
                .map(b -> new KeyedBlock(b, analysis.referenceBlock(b).table()));
    }
}
