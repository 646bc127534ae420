package org.nsbi.spark.validate;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.SparkSession;
import org.nsbi.model.config.EventSource;
import org.nsbi.model.ratio.EventBlock;
import org.nsbi.model.validate.RatioUnderTest;
import org.nsbi.model.validate.ScoredSample;
import org.nsbi.spark.score.EventSources;

/**
 * Evaluates one ratio on the events of one sample with Spark and brings the result to the driver: the sample's
 * sources are read as blocks ({@link EventSources}), each block is scored on an executor (the ratio and its ONNX
 * bytes in a broadcast), and the scored blocks are collected in block order. The sample is held on the driver
 * like the reference sample of a fit (ScoredTable); its size is the user's choice.
 */
public final class SampleScorer {

    private SampleScorer() {
    }

    /**
     * The sample made of {@code sources} (files or the simulator), scored with {@code ratio}.
     *
     * @param name a name for messages
     */
    public static ScoredSample score(SparkSession spark, String name, List<EventSource> sources, List<String> features,
                                     RatioUnderTest ratio, int blockSize) {
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        JavaRDD<EventBlock> blocks = null;
        List<String> columns = ratio.dataColumn() == null ? List.of() : List.of(ratio.dataColumn());
        for (int s = 0; s < sources.size(); s++) {
            JavaRDD<EventBlock> b = EventSources.read(spark, sources.get(s), s, features, columns, blockSize);
            blocks = blocks == null ? b : blocks.union(b);
        }
        Broadcast<RatioUnderTest> shipped = jsc.broadcast(ratio);
        int width = features.size();
        spark.sparkContext().setJobGroup("nsbi-validate-" + ratio.name(), "nsbi validate " + ratio.name() + " on "
                + name, false);
        try {
            List<ScoredSample.BlockScores> scored = new ArrayList<>(blocks.mapPartitions(it -> scoreBlocks(it, shipped.value(), width))
                    .collect());
            scored.sort(Comparator.comparingLong(ScoredSample.BlockScores::blockId));
            return ScoredSample.concat(name, width, ratio.exact() != null, scored);
        } finally {
            spark.sparkContext().clearJobGroup();
            shipped.destroy();
        }
    }

    private static Iterator<ScoredSample.BlockScores> scoreBlocks(Iterator<EventBlock> it, RatioUnderTest ratio, int width) {
        RatioUnderTest.Evaluator evaluator = ratio.newEvaluator(width);
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return it.hasNext();
            }

            @Override
            public ScoredSample.BlockScores next() {
                EventBlock b = it.next();
                return new ScoredSample.BlockScores(b.blockId(), b.features().values(), b.weights(),
                        evaluator.evaluate(b.features(), b.columns()));
            }
        };
    }
}
