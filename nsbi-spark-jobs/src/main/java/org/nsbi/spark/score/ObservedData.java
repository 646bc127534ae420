package org.nsbi.spark.score;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.nsbi.model.UserError;
import org.nsbi.model.config.AnalysisConfig;
import org.nsbi.model.config.EventSource;
import org.nsbi.model.config.Systematic;
import org.nsbi.model.offshell.OffshellEvents;
import org.nsbi.model.offshell.OffshellNuisance;
import org.nsbi.model.offshell.OffshellObservation;
import org.nsbi.model.offshell.OffshellSimulator;
import org.nsbi.model.ratio.EventBlock;

/**
 * The observed data of a config as blocks, with the auxiliary measurements a_k in the config's
 * nuisance-parameter order: {@code observed_aux} where given, else the simulator's draws for an
 * observation drawn at a truth (the config parser requires every value, or {@code nominal}, otherwise).
 */
public final class ObservedData {

    /** The events and the aux measurements. */
    public record Observed(JavaRDD<EventBlock> blocks, double[] aux) {
    }

    private ObservedData() {
    }

    public static Observed read(SparkSession spark, AnalysisConfig config, List<String> extra, int blockSize) {
        List<Systematic> nps = config.systematics();
        double[] aux = new double[nps.size()];
        boolean[] given = new boolean[nps.size()];
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        JavaRDD<EventBlock> all = null;
        for (int s = 0; s < config.observed().size(); s++) {
            EventSource source = config.observed().get(s);
            JavaRDD<EventBlock> blocks;
            if (source instanceof EventSource.SimulatedObservation o) {
                OffshellEvents.checkFeatures(o.name(), config.features());
                OffshellObservation obs = OffshellSimulator.observed(o.mu(), toyAlpha(o), o.seed());
                for (int k = 0; k < nps.size(); k++) {
                    aux[k] = obs.aux()[toyIndex(nps.get(k).name(), o.name())];
                    given[k] = true;
                }
                EventBlock block = new EventBlock((long) s << 40, obs.events().features(),
                        EventBlock.toFloat(obs.events().weight()), Map.of());
                blocks = jsc.parallelize(List.of(block), 1);
            } else {
                blocks = EventSources.read(spark, source, s, config.features(), extra, blockSize);
            }
            all = all == null ? blocks : all.union(blocks);
        }
        for (int k = 0; k < nps.size(); k++) {
            Double a = config.observedAux().get(nps.get(k).name());
            if (a != null) {
                aux[k] = a;
            }
        }
        return new Observed(all, aux);
    }

    /** The truth's nuisance parameters in the simulator's order (energy_scale, ni_norm, ni_shape). */
    private static double[] toyAlpha(EventSource.SimulatedObservation o) {
        double[] alpha = new double[OffshellNuisance.values().length];
        for (Map.Entry<String, Double> e : o.alpha().entrySet()) {
            alpha[toyIndex(e.getKey(), o.name())] = e.getValue();
        }
        return alpha;
    }

    private static int toyIndex(String nuisance, String source) {
        List<String> known = new ArrayList<>();
        for (OffshellNuisance k : OffshellNuisance.values()) {
            if (k.key().equals(nuisance)) {
                return k.ordinal();
            }
            known.add(k.key());
        }
        throw new UserError("observed sample " + source + ": the off-shell toy has no nuisance parameter '"
                + nuisance + "'; it knows " + known);
    }
}
