package org.nsbi.spark.cli;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import org.nsbi.model.config.AnalysisConfig;
import org.nsbi.model.config.EventSource;
import org.nsbi.spark.io.HadoopFileAccess;
import org.nsbi.spark.validate.ReweightingAuc;
import org.nsbi.spark.validate.ValidateJob;
import org.nsbi.spark.validate.ValidationPlan;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "validate", mixinStandardHelpOptions = true,
        description = "Validates the analysis's ratios (networks or exact) on samples of their numerator and "
                + "denominator: closure, calibration, the reweighting classifier test (AUC), the ensemble's spread "
                + "and, for the off-shell toy, the error against the exact ratios. Writes DIR/validation.json and "
                + "DIR/plots/*.png. Numerator samples: --sample, or drawn by the off-shell toy simulator when the "
                + "analysis is the toy.")
public final class ValidateCommand implements Callable<Integer> {

    @Mixin
    AnalysisRunOptions run;

    @Option(names = "--sample", paramLabel = "RATIO=FILES",
            description = "Events of a ratio's numerator: r_<process> (events of p_c) or "
                    + "r_<process>__<nuisance>__up|down (events of p_c at alpha = +-1); FILES: comma-separated Parquet "
                    + "or CSV paths (any Hadoop URL) with the feature columns. Repeatable.")
    Map<String, String> samples = new LinkedHashMap<>();

    @Option(names = "--sample-weight", paramLabel = "COLUMN",
            description = "The per-event weight column of the --sample files (default: weight 1).")
    String sampleWeight;

    @Option(names = "--events", description = "Events per simulated sample (off-shell toy). Default: ${DEFAULT-VALUE}.",
            defaultValue = "100000")
    long events;

    @Option(names = "--seed", description = "Run seed of the simulated samples, the split and the classifier. "
            + "Default: the config's neyman seed.")
    Long seed;

    @Option(names = "--only", split = ",", paramLabel = "RATIO",
            description = "Validate only these ratios (comma-separated column names, e.g. r_S,r_NI__ni_shape__up).")
    List<String> only = List.of();

    @Option(names = "--calibration-bins", defaultValue = "20",
            description = "Bins of the calibration histograms (quantiles of the ratio). Default: ${DEFAULT-VALUE}.")
    int calibrationBins;

    @Option(names = "--trees", defaultValue = "30", description = "Trees of the reweighting classifier. Default: ${DEFAULT-VALUE}.")
    int trees;

    @Option(names = "--depth", defaultValue = "6", description = "Depth of its trees. Default: ${DEFAULT-VALUE}.")
    int depth;

    @Option(names = "--no-auc", description = "Skip the reweighting classifier test.")
    boolean noAuc;

    @Option(names = "--block-size", description = "Events per block. Default: ${DEFAULT-VALUE}.", defaultValue = "4096")
    int blockSize;

    @Override
    public Integer call() {
        SparkSession session = run.session("validate");
        AnalysisConfig analysis = org.nsbi.spark.actions.AnalysisAction.parser(session)
                .parse(java.nio.file.Path.of(run.config.config));
        run.output.check(session);
        long runSeed = seed != null ? seed : analysis.neyman().seed();
        ValidateJob.Settings settings = new ValidateJob.Settings(calibrationBins, blockSize,
                noAuc ? null : new ReweightingAuc.Settings(trees, depth, 0.5, runSeed));
        ValidationPlan plan = ValidationPlan.of(analysis, userSamples(), new ValidationPlan.ToyDraws(events, runSeed),
                new LinkedHashSet<>(only), new HadoopFileAccess(session.sparkContext().hadoopConfiguration()));
        return run.output.run(session, null, out -> {
            ValidateJob.run(session, analysis, plan, settings, out);
            return null;
        });
    }

    private Map<String, EventSource> userSamples() {
        Map<String, EventSource> out = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : samples.entrySet()) {
            List<String> paths = List.of(e.getValue().split(","));
            boolean csv = paths.stream().allMatch(p -> p.toLowerCase(java.util.Locale.ROOT).endsWith(".csv"));
            out.put(e.getKey(), new EventSource.Files(e.getKey(), paths,
                    csv ? EventSource.Format.CSV : EventSource.Format.PARQUET, sampleWeight));
        }
        return out;
    }
}
