package org.nsbi.spark.actions;

import java.nio.file.Path;
import org.apache.spark.sql.SparkSession;
import org.nsbi.model.UserError;
import org.nsbi.model.analysis.AnalysisModel;
import org.nsbi.model.config.AnalysisConfig;
import org.nsbi.model.config.AnalysisConfigParser;
import org.nsbi.model.output.Json;
import org.nsbi.model.output.RunSummary;
import org.nsbi.spark.io.HadoopFileAccess;
import org.nsbi.stats.model.MixtureModel;

/**
 * A writing action on an analysis config: the config is given as a file (read and validated first thing in
 * {@code execute()}, before any data) or as a parsed config.
 *
 * @param <A> the action itself, which each setter returns
 */
public abstract class AnalysisAction<A extends AnalysisAction<A>> extends WritingAction<A> {

    private Path configFile;
    private AnalysisConfig config;
    private MixtureModel model;

    protected AnalysisAction(SparkSession spark) {
        super(spark);
    }

    /** The analysis config file (YAML; format in nsbi-model/CONFIG.md). */
    public A config(Path file) {
        if (file == null) {
            throw new UserError("--config is empty; expected the analysis config file");
        }
        this.configFile = file;
        this.config = null;
        this.model = null;
        return self();
    }

    /** An analysis config already parsed and validated. */
    public A config(AnalysisConfig parsed) {
        this.config = parsed;
        this.configFile = null;
        this.model = null;
        return self();
    }

    /** Whether a config was given. */
    protected final boolean hasConfig() {
        return config != null || configFile != null;
    }

    /**
     * The summary.json of an earlier run (neyman, run, demo); the config it names becomes this action's unless one
     * was given.
     */
    protected final RunSummary earlierRun(String folder) {
        String file = folder + "/summary.json";
        RunSummary summary = Json.read(files().readText(file), RunSummary.class, file);
        if (!hasConfig()) {
            if (summary.run().config() == null) {
                throw new UserError(file + " names no config; expected --config FILE");
            }
            config(Path.of(summary.run().config()));
        }
        return summary;
    }

    /** The config, read and validated on first use. */
    protected final AnalysisConfig analysis() {
        if (config == null) {
            if (configFile == null) {
                throw new UserError("no analysis config; expected --config FILE");
            }
            config = parser(spark).parse(configFile);
        }
        return config;
    }

    /** The config's mixture model. */
    protected final MixtureModel model() {
        if (model == null) {
            model = AnalysisModel.mixture(analysis());
        }
        return model;
    }

    /** The config parser, reading files (the networks, the samples' existence) through Hadoop. */
    public static AnalysisConfigParser parser(SparkSession spark) {
        return AnalysisConfigParser.withDefaults()
                .withFileAccess(new HadoopFileAccess(spark.sparkContext().hadoopConfiguration()));
    }
}
