package org.nsbi.spark.score;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.nsbi.model.UserError;
import org.nsbi.model.config.AnalysisConfig;
import org.nsbi.model.config.EventSource;
import org.nsbi.model.config.Systematic;
import org.nsbi.model.config.SystematicEffect;
import org.nsbi.model.output.ProcessClosure;
import org.nsbi.model.output.ScoreSummary;
import org.nsbi.model.progress.ProgressLine;
import org.nsbi.model.ratio.EventBlock;
import org.nsbi.model.score.ScoredColumns;
import org.nsbi.model.score.ScoringPlan;
import org.nsbi.spark.io.EventBlockRows;
import org.nsbi.spark.io.OutputFolder;
import org.nsbi.spark.progress.TaskProgressListener;

/**
 * Scores every reference-sample event and every observed event once: the ratio networks (in one
 * broadcast) run on executors over blocks of events, and the per-event table is written as block
 * Parquet to {@code scored/reference} and {@code scored/observed} (schema: {@link EventBlock}).
 * Also computes the closure of each ratio on the reference sample: &Sigma; &#375; r_c (&asymp; 1) for
 * a process and &Sigma; &#375; r_c r_{c,k,&plusmn;} / &Sigma; &#375; r_c (&asymp; 1) for a shape systematic, and each
 * process's closure with its Monte Carlo error and pull.
 */
public final class ScoreJob {

    /**
     * Parquet's dictionary-encoding switch, off for the scored table: features, weights and ratios are continuous
     * floats, so every column chunk outgrows its dictionary and falls back to plain encoding, after the writer has
     * hashed each value (about 1/6 of the task CPU of scoring the off-shell toy's 42 networks).
     */
    static final String DICTIONARY = "parquet.enable.dictionary";

    private ScoreJob() {
    }

    /** Scores into {@code out} and returns what scored.json holds (seconds 0: the caller times the stage). */
    public static ScoreSummary run(SparkSession spark, AnalysisConfig config, ScoringPlan plan, OutputFolder out, int blockSize) {
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        Broadcast<ScoringPlan> shipped = jsc.broadcast(plan);
        List<String> extra = new ArrayList<>(plan.dataColumns());

        JavaRDD<EventBlock> reference = null;
        for (int s = 0; s < config.reference().size(); s++) {
            EventSource source = config.reference().get(s);
            JavaRDD<EventBlock> blocks = EventSources.read(spark, source, s, config.features(), extra, blockSize);
            reference = reference == null ? blocks : reference.union(blocks);
        }
        JavaRDD<EventBlock> scoredReference = score(reference, shipped, "reference sample", names(config.reference()))
                .persist(StorageLevel.MEMORY_AND_DISK());
        write(spark, scoredReference, plan, out.stagingPath("scored/reference"), "reference");
        double[] sums = closureSums(scoredReference, plan, config);
        scoredReference.unpersist(false);
        if (!(sums[1] > 0)) {
            throw new UserError(config.file() + ": reference: the reference sample "
                    + EventSources.describe(config.reference()) + " has "
                    + (sums[0] == 0 ? "no events" : (long) sums[0] + " events of total weight " + sums[1])
                    + "; expected events of positive total weight (p_ref is their weighted union)");
        }

        ObservedData.Observed observed = ObservedData.read(spark, config, extra, blockSize);
        JavaRDD<EventBlock> scoredObserved = score(observed.blocks(), shipped, "observed data", names(config.observed()));
        long nObserved = write(spark, scoredObserved, plan, out.stagingPath("scored/observed"), "observed");
        shipped.destroy();
        // zero observed events is legal data: the extended likelihood is then nu(mu, alpha) plus the constraints

        Map<String, Double> aux = new LinkedHashMap<>();
        for (int k = 0; k < config.systematics().size(); k++) {
            aux.put(config.systematics().get(k).name(), observed.aux()[k]);
        }
        return new ScoreSummary((long) sums[0], sums[1], nObserved, aux, closure(sums, config),
                processClosure(sums, config), config.normaliseRatios(), null, 0);
    }

    /**
     * Scores one more sample with the plan (e.g. the independent MC sample of a coverage check) into {@code path}, as
     * {@code scored/reference} is written.
     *
     * @return the number of events
     */
    public static long scoreSample(SparkSession spark, AnalysisConfig config, ScoringPlan plan, EventSource source,
                                   String what, String path, int blockSize) {
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        Broadcast<ScoringPlan> shipped = jsc.broadcast(plan);
        try {
            JavaRDD<EventBlock> blocks = EventSources.read(spark, source, 0, config.features(),
                    new ArrayList<>(plan.dataColumns()), blockSize);
            return write(spark, score(blocks, shipped, what, List.of(source.name())), plan, path, what);
        } finally {
            shipped.destroy();
        }
    }

    private static List<String> names(List<EventSource> sources) {
        return sources.stream().map(EventSource::name).toList();
    }

    private static JavaRDD<EventBlock> score(JavaRDD<EventBlock> blocks, Broadcast<ScoringPlan> plan, String sample,
                                             List<String> sources) {
        return blocks.mapPartitions(it -> {
            ScoringPlan.Scorer scorer = plan.value().newScorer(sample, sources);
            return new Iterator<EventBlock>() {
                @Override
                public boolean hasNext() {
                    return it.hasNext();
                }

                @Override
                public EventBlock next() {
                    return scorer.score(it.next());
                }
            };
        }, true);
    }

    /** Writes scored blocks and returns the number of events. */
    private static long write(SparkSession spark, JavaRDD<EventBlock> scored, ScoringPlan plan, String path, String what) {
        String group = "nsbi-score-" + what + "-" + System.nanoTime();
        int partitions = scored.getNumPartitions();
        ProgressLine line = ProgressLine.onStderr("score", what + " partitions", partitions);
        TaskProgressListener listener = new TaskProgressListener(group, line, p -> 1);
        spark.sparkContext().addSparkListener(listener);
        try {
            spark.sparkContext().setJobGroup(group, "nsbi score " + what, false);
            spark.createDataFrame(scored.map(EventBlockRows::toRow), EventBlockRows.schema(plan.features(), plan.columnNames()))
                    .write().option(DICTIONARY, "false").parquet(path);
        } finally {
            spark.sparkContext().removeSparkListener(listener);
            spark.sparkContext().clearJobGroup();
        }
        org.apache.spark.sql.Row total = spark.read().parquet(path).selectExpr("sum(n)").first();
        return total.isNullAt(0) ? 0 : total.getLong(0);
    }

    /**
     * [events, &Sigma;w, &Sigma;w&sup2;, then per term &Sigma; w r_c (r_{c,k,&plusmn;}), then per process &Sigma;w&sup2; r_c and
     * &Sigma;w&sup2; r_c&sup2;] over the reference sample, the terms in the order of {@link #closureTerms}.
     */
    private static double[] closureSums(JavaRDD<EventBlock> scored, ScoringPlan plan, AnalysisConfig config) {
        List<String[]> terms = closureTerms(config);
        int nc = config.processes().size();
        int size = 3 + terms.size() + 2 * nc;
        return scored.map(b -> {
            double[] s = new double[size];
            s[0] = b.size();
            for (int i = 0; i < b.size(); i++) {
                double w = b.weights()[i];
                s[1] += w;
                s[2] += w * w;
            }
            for (int t = 0; t < terms.size(); t++) {
                float[] r = b.columns().get(terms.get(t)[0]);
                float[] shape = terms.get(t)[1] == null ? null : b.columns().get(terms.get(t)[1]);
                double acc = 0;
                for (int i = 0; i < b.size(); i++) {
                    acc += (double) b.weights()[i] * r[i] * (shape == null ? 1.0 : shape[i]);
                }
                s[3 + t] = acc;
            }
            for (int c = 0; c < nc; c++) {
                float[] r = b.columns().get(terms.get(c)[0]);
                for (int i = 0; i < b.size(); i++) {
                    double wr = (double) b.weights()[i] * r[i];
                    s[3 + terms.size() + 2 * c] += wr * b.weights()[i];
                    s[3 + terms.size() + 2 * c + 1] += wr * wr;
                }
            }
            return s;
        }).fold(new double[size], (a, c) -> {
            double[] sum = a.clone();
            for (int i = 0; i < sum.length; i++) {
                sum[i] += c[i];
            }
            return sum;
        });
    }

    /**
     * Per process, the closure C_c = &Sigma; &#375; r_c on the reference sample (&#375; = w / &Sigma;w), its Monte Carlo
     * error &sigma; = &radic;(&Sigma; &#375;&sup2; (r_c &minus; C_c)&sup2;) (the self-normalised estimate's standard
     * error) and the pull (C_c &minus; 1) / &sigma;.
     */
    private static List<ProcessClosure> processClosure(double[] sums, AnalysisConfig config) {
        int terms = closureTerms(config).size();
        List<ProcessClosure> out = new ArrayList<>();
        for (int c = 0; c < config.processes().size(); c++) {
            double sw = sums[1];
            double closure = sums[3 + c] / sw;
            double w2r = sums[3 + terms + 2 * c];
            double w2r2 = sums[3 + terms + 2 * c + 1];
            double variance = Math.max(0, w2r2 - 2 * closure * w2r + closure * closure * sums[2]) / (sw * sw);
            double error = Math.sqrt(variance);
            out.add(new ProcessClosure(config.processes().get(c).name(), closure, error,
                    error > 0 ? (closure - 1) / error : 0.0));
        }
        return out;
    }

    /** Pairs (process ratio column, shape column or null), in the order of the sums. */
    private static List<String[]> closureTerms(AnalysisConfig config) {
        List<String[]> terms = new ArrayList<>();
        config.processes().forEach(p -> terms.add(new String[] {ScoredColumns.process(p.name()), null}));
        for (Systematic s : config.systematics()) {
            for (SystematicEffect e : s.effects()) {
                if (e.hasShape()) {
                    for (int d : new int[] {+1, -1}) {
                        terms.add(new String[] {ScoredColumns.process(e.process()), ScoredColumns.shape(e.process(), s.name(), d)});
                    }
                }
            }
        }
        return terms;
    }

    private static Map<String, Double> closure(double[] sums, AnalysisConfig config) {
        Map<String, Double> out = new LinkedHashMap<>();
        List<String[]> terms = closureTerms(config);
        Map<String, Double> processSums = new LinkedHashMap<>();
        for (int t = 0; t < terms.size(); t++) {
            String[] term = terms.get(t);
            if (term[1] == null) {
                processSums.put(term[0], sums[3 + t]);
                out.put(term[0], sums[3 + t] / sums[1]);
            } else {
                out.put(term[1], sums[3 + t] / processSums.get(term[0]));
            }
        }
        return out;
    }
}
