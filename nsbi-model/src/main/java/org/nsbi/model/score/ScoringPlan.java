package org.nsbi.model.score;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.nsbi.model.UserError;
import org.nsbi.model.config.AnalysisConfig;
import org.nsbi.model.config.FileAccess;
import org.nsbi.model.config.ProcessSpec;
import org.nsbi.model.config.RatioSource;
import org.nsbi.model.config.Systematic;
import org.nsbi.model.config.SystematicEffect;
import org.nsbi.model.offshell.OffshellExactRatios;
import org.nsbi.model.onnx.OnnxEnsembleRatio;
import org.nsbi.model.ratio.BadRatioException;
import org.nsbi.model.ratio.BadRatioPolicy;
import org.nsbi.model.ratio.BadRatioReport;
import org.nsbi.model.ratio.CheckedRatio;
import org.nsbi.model.ratio.ColumnRatio;
import org.nsbi.model.ratio.EventBlock;
import org.nsbi.model.ratio.FeatureBlock;
import org.nsbi.model.ratio.RatioFunction;

/**
 * Every ratio column an analysis needs (one per process, two per shape systematic and process),
 * with the ONNX bytes read on the driver. Serializable: it travels to executors in one broadcast,
 * where {@link #newScorer(String, List)} builds the ratio functions (ONNX sessions come from the per-JVM cache,
 * so each model is loaded once per executor, whatever the number of tasks).
 */
public final class ScoringPlan implements Serializable {

    private static final long serialVersionUID = 1L;

    private final String[] features;
    private final List<RatioColumn> columns;
    private final BadRatioPolicy policy;

    private ScoringPlan(String[] features, List<RatioColumn> columns, BadRatioPolicy policy) {
        this.features = features;
        this.columns = List.copyOf(columns);
        this.policy = policy;
    }

    /** The plan of a validated config; ONNX files are read through {@code files}. */
    public static ScoringPlan of(AnalysisConfig config, FileAccess files) {
        List<RatioColumn> columns = new ArrayList<>();
        for (ProcessSpec p : config.processes()) {
            columns.add(column(ScoredColumns.process(p.name()), p.ratio(), files));
        }
        for (Systematic s : config.systematics()) {
            for (SystematicEffect e : s.effects()) {
                if (e.hasShape()) {
                    columns.add(column(ScoredColumns.shape(e.process(), s.name(), +1), e.ratioUp().orElseThrow(), files));
                    columns.add(column(ScoredColumns.shape(e.process(), s.name(), -1), e.ratioDown().orElseThrow(), files));
                }
            }
        }
        return new ScoringPlan(config.features().toArray(String[]::new), columns, config.badRatios());
    }

    private static RatioColumn column(String name, RatioSource source, FileAccess files) {
        if (source instanceof RatioSource.Onnx onnx) {
            List<byte[]> bytes = onnx.files().stream().map(files::read).toList();
            return new RatioColumn(name, source, onnx.files(), bytes);
        }
        if (source instanceof RatioSource.Exact exact) {
            OffshellExactRatios.byName(exact.name()); // fails now, on the driver, for an unknown name
        }
        return new RatioColumn(name, source, List.of(), List.of());
    }

    public String[] features() {
        return features.clone();
    }

    /** The ratio columns, in the scored table's order. */
    public List<String> columnNames() {
        return columns.stream().map(RatioColumn::column).toList();
    }

    /** Data columns the events must carry (for ratio sources that are columns). */
    public Set<String> dataColumns() {
        Set<String> out = new LinkedHashSet<>();
        for (RatioColumn c : columns) {
            if (c.source() instanceof RatioSource.Column col) {
                out.add(col.column());
            }
        }
        return out;
    }

    /**
     * A scorer for one task: ratio functions own buffers and are not shared between threads.
     *
     * @param sample  what is scored, for messages ("reference sample", "observed data")
     * @param sources the names of the sample's sources, by source index (bits 40 and up of a block id)
     */
    public Scorer newScorer(String sample, List<String> sources) {
        Map<String, RatioFunction> functions = new LinkedHashMap<>();
        for (RatioColumn c : columns) {
            functions.put(c.column(), function(c));
        }
        return new Scorer(functions, sample, sources);
    }

    private RatioFunction function(RatioColumn c) {
        if (c.source() instanceof RatioSource.Onnx onnx) {
            return OnnxEnsembleRatio.load(c.column(), c.modelNames(), c.models(), features.length,
                    onnx.convention(), onnx.average(), policy);
        }
        if (c.source() instanceof RatioSource.Exact exact) {
            return new CheckedRatio(named(c.column(), OffshellExactRatios.byName(exact.name()), exact.scale()), policy);
        }
        return null; // a column source: read from the block itself, see Scorer
    }

    /** {@code f} under another name, times {@code scale} (1 but in a negative control's deliberately wrong model). */
    private static RatioFunction named(String name, RatioFunction f, double scale) {
        return new RatioFunction() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public void evaluate(FeatureBlock block, double[] out) {
                f.evaluate(block, out);
                if (scale != 1.0) {
                    for (int i = 0; i < block.size(); i++) {
                        out[i] *= scale;
                    }
                }
            }
        };
    }

    /**
     * Whether every ratio is computed from the features alone (ONNX or exact), so that events drawn elsewhere (a
     * coverage check's simulated experiments) can be scored; the names of the ratios read from data columns otherwise.
     */
    public List<String> ratiosFromDataColumns() {
        return columns.stream().filter(c -> c.source() instanceof RatioSource.Column).map(RatioColumn::column).toList();
    }

    /** The sources that are data columns, by ratio column name. */
    Optional<RatioSource.Column> columnSource(String ratioColumn) {
        return columns.stream().filter(c -> c.column().equals(ratioColumn))
                .map(RatioColumn::source).filter(RatioSource.Column.class::isInstance)
                .map(RatioSource.Column.class::cast).findFirst();
    }

    /** Scores blocks: every ratio column for every event of the block. */
    public final class Scorer {
        private final Map<String, RatioFunction> functions;
        private final Map<String, CheckedRatio> columnChecks = new LinkedHashMap<>();
        private final String sample;
        private final List<String> sources;
        private double[] buffer = new double[0];

        private Scorer(Map<String, RatioFunction> functions, String sample, List<String> sources) {
            this.functions = functions;
            this.sample = sample;
            this.sources = sources;
        }

        /** The block with its ratio columns (the raw data columns used by column sources are dropped). */
        public EventBlock score(EventBlock in) {
            int n = in.size();
            if (buffer.length < n) {
                buffer = new double[n];
            }
            Map<String, float[]> out = new LinkedHashMap<>();
            for (Map.Entry<String, RatioFunction> e : functions.entrySet()) {
                RatioFunction f = e.getValue();
                if (f == null) {
                    f = columnFunction(e.getKey(), in);
                }
                try {
                    f.evaluate(in.features(), buffer);
                } catch (BadRatioException bad) {
                    throw located(e.getKey(), in);
                }
                float[] column = new float[n];
                for (int i = 0; i < n; i++) {
                    column[i] = (float) buffer[i];
                }
                out.put(e.getKey(), column);
            }
            return new EventBlock(in.blockId(), in.features(), in.weights(), out);
        }

        /**
         * The bad ratios of this block (left in the buffer by the failed check), counted again with event indices
         * within the block, with the sample, the source, the block and the features of the first bad event.
         */
        private BadRatioException located(String ratio, EventBlock in) {
            int n = in.size();
            BadRatioReport block = new BadRatioReport(ratio);
            block.scan(buffer, n, 0);
            int first = 0;
            while (first < n - 1 && BadRatioReport.isGood(buffer[first])) {
                first++;
            }
            int source = (int) (in.blockId() >>> 40);
            String sourceName = source < sources.size() ? "'" + sources.get(source) + "'" : "#" + source;
            StringBuilder event = new StringBuilder();
            String[] names = in.features().featureNames();
            float[] v = in.features().values();
            for (int f = 0; f < names.length; f++) {
                event.append(f == 0 ? "" : ", ").append(names[f]).append(" = ").append(v[first * names.length + f]);
            }
            return new BadRatioException("scoring the " + sample + " " + sourceName + " with " + origin(ratio)
                    + ", block " + in.blockId() + " of " + n + " events (event indices count within it; the first bad"
                    + " ratio, " + buffer[first] + ", is event " + first + ": " + event + ")", block);
        }

        /** Where a ratio column's values come from, for messages. */
        private String origin(String ratio) {
            for (RatioColumn c : columns) {
                if (c.column().equals(ratio)) {
                    if (c.source() instanceof RatioSource.Onnx) {
                        return "the ONNX network" + (c.modelNames().size() == 1 ? " " + c.modelNames().get(0)
                                : "s " + c.modelNames());
                    }
                    if (c.source() instanceof RatioSource.Column col) {
                        return "the data column " + col.column();
                    }
                    if (c.source() instanceof RatioSource.Exact exact) {
                        return "the exact ratio " + exact.name();
                    }
                }
            }
            return "ratio " + ratio;
        }

        private RatioFunction columnFunction(String name, EventBlock in) {
            RatioSource.Column source = columnSource(name).orElseThrow();
            float[] raw = in.columns().get(source.column());
            if (raw == null) {
                throw new UserError("ratio " + name + ": the events have no column '" + source.column()
                        + "'; expected it beside the features");
            }
            CheckedRatio checked = new CheckedRatio(new ColumnRatio(name, source.convention(), raw), policy);
            columnChecks.put(name, checked);
            return checked;
        }
    }
}
