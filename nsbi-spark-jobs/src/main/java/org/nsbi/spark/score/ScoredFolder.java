package org.nsbi.spark.score;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.nsbi.model.UserError;
import org.nsbi.model.config.AnalysisConfig;
import org.nsbi.model.output.ProcessClosure;
import org.nsbi.model.output.ScoreSummary;
import org.nsbi.spark.io.HadoopFileAccess;
import org.nsbi.model.output.Json;
import org.nsbi.stats.likelihood.Nll;
import org.nsbi.stats.model.EventTable;
import org.nsbi.stats.model.MixtureModel;

/**
 * The output folder of {@code score} as the later stages read it: the reference sample and the observed data
 * ({@code scored/reference}, {@code scored/observed}), the observed aux measurements and the ratio closures of
 * {@code scored.json}, with the ratios normalised when the config says {@code normalise_ratios: true}.
 */
public final class ScoredFolder {

    private final SparkSession spark;
    private final String dir;
    private final AnalysisConfig config;
    private final MixtureModel model;

    private ScoredFolder(SparkSession spark, String dir, AnalysisConfig config, MixtureModel model) {
        this.spark = spark;
        this.dir = dir;
        this.config = config;
        this.model = model;
    }

    /** The scored folder {@code dir} (the one holding scored.json) of an analysis. */
    public static ScoredFolder of(SparkSession spark, String dir, AnalysisConfig config, MixtureModel model) {
        return new ScoredFolder(spark, dir, config, model);
    }

    public String dir() {
        return dir;
    }

    /** The path of the scored reference sample, or of the observed data. */
    public String table(boolean observed) {
        return dir + (observed ? "/scored/observed" : "/scored/reference");
    }

    /** The scored reference sample, loaded into the driver in canonical order. */
    public EventTable reference() {
        return ScoredTable.load(spark, table(false), features(), model, ratioScale()).table();
    }

    /**
     * The model ready to evaluate: with {@code shape_normalisation: per_event}, its shape normalisation computed on the
     * reference sample (which is then read here, on the driver); else the model itself.
     */
    public MixtureModel shaped() {
        return model.needsReference() ? model.withShapeNormalisationFrom(reference()) : model;
    }

    /** The likelihood of the observed data (aux measurements from scored.json), with the model {@link #shaped()}. */
    public Nll observedNll() {
        MixtureModel m = shaped();
        EventTable observed = ScoredTable.load(spark, table(true), features(), m, ratioScale()).table();
        return Nll.of(m, observed, null, observedAux());
    }

    public String[] features() {
        return config.features().toArray(String[]::new);
    }

    private ScoreSummary summary() {
        String file = dir + "/scored.json";
        return Json.read(new HadoopFileAccess(spark.sparkContext().hadoopConfiguration()).readText(file),
                ScoreSummary.class, file);
    }

    /**
     * With {@code normalise_ratios: true}, the factor 1 / C_c for each process ratio (C_c its closure on the reference
     * sample, from scored.json), in the model's process order; null without it.
     */
    public double[] ratioScale() {
        if (!config.normaliseRatios()) {
            return null;
        }
        String file = dir + "/scored.json";
        Map<String, Double> closure = new LinkedHashMap<>();
        for (ProcessClosure c : summary().processClosure()) {
            closure.put(c.process(), c.closure());
        }
        double[] scale = new double[model.processCount()];
        for (int c = 0; c < scale.length; c++) {
            Double value = closure.get(model.process(c).name());
            if (value == null || !(value > 0)) {
                throw new UserError(file + ": process_closure has " + (value == null ? "no entry" : "closure "
                        + value) + " for process " + model.process(c).name() + "; expected a positive closure to normalise"
                        + " its ratio by (normalise_ratios: true in " + config.file() + ")");
            }
            scale[c] = 1 / value;
        }
        return scale;
    }

    /** The events of the reference sample, or of the observed data, from scored.json (no event is read). */
    public long events(boolean observed) {
        return observed ? summary().observedEvents() : summary().referenceEvents();
    }

    /** The observed aux measurements, in the model's nuisance-parameter order. */
    public double[] observedAux() {
        String file = dir + "/scored.json";
        Map<String, Double> aux = summary().observedAux();
        if (!aux.keySet().equals(new HashSet<>(model.nuisances()))) {
            throw new UserError(file + ": observed_aux names " + aux.keySet() + "; expected one value for"
                    + " each nuisance parameter " + model.nuisances() + " of the config (was it scored with another config?)");
        }
        return model.nuisances().stream().mapToDouble(aux::get).toArray();
    }
}
