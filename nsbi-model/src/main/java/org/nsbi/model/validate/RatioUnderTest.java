package org.nsbi.model.validate;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.nsbi.model.config.FileAccess;
import org.nsbi.model.config.RatioSource;
import org.nsbi.model.offshell.OffshellExactRatios;
import org.nsbi.model.onnx.OnnxEnsembleRatio;
import org.nsbi.model.onnx.OnnxRatioNetwork;
import org.nsbi.model.ratio.BadRatioPolicy;
import org.nsbi.model.ratio.CheckedRatio;
import org.nsbi.model.ratio.ColumnRatio;
import org.nsbi.model.ratio.FeatureBlock;
import org.nsbi.model.ratio.RatioFunction;
import org.nsbi.model.score.RatioColumn;

/**
 * One ratio to validate, as it travels to executors: its scored-table column name, its source with the ONNX bytes
 * (read once on the driver), the bad-ratio policy, and the name of the off-shell toy's exact ratio it estimates
 * (null when there is no truth). {@link #newEvaluator} gives, per event, the ratio as the analysis uses it (the
 * ensemble average), each member's ratio, and the exact ratio. A ratio given as a column of the samples
 * ({@code ratio: {column: ...}}) is read from that column of each sample's events ({@link #dataColumn()}), with its
 * convention and the bad-ratio policy applied as {@code score} applies them; it is one member.
 */
public record RatioUnderTest(RatioColumn column, BadRatioPolicy policy, String exact) implements Serializable {

    private static final long serialVersionUID = 1L;

    /**
     * The ratio of a config's source; ONNX files are read through {@code files}.
     *
     * @throws IllegalArgumentException for an unknown exact name
     */
    public static RatioUnderTest of(String column, RatioSource source, BadRatioPolicy policy, String exact,
                                    FileAccess files) {
        if (source instanceof RatioSource.Column) {
            return new RatioUnderTest(new RatioColumn(column, source, List.of(), List.of()), policy, exact);
        }
        if (exact != null) {
            OffshellExactRatios.byName(exact);
        }
        if (source instanceof RatioSource.Onnx onnx) {
            List<byte[]> bytes = onnx.files().stream().map(files::read).toList();
            return new RatioUnderTest(new RatioColumn(column, source, onnx.files(), bytes), policy, exact);
        }
        RatioSource.Exact e = (RatioSource.Exact) source;
        OffshellExactRatios.byName(e.name());
        return new RatioUnderTest(new RatioColumn(column, source, List.of(), List.of()), policy, exact);
    }

    /** The column name, e.g. {@code r_SBI} or {@code r_NI__ni_shape__up}. */
    public String name() {
        return column.column();
    }

    /**
     * The column of the samples the ratio is read from (the samples' events must carry it), or null when it is
     * computed from the features.
     */
    public String dataColumn() {
        return column.source() instanceof RatioSource.Column c ? c.column() : null;
    }

    /** An evaluator for one task (it owns buffers and ONNX sessions from the per-JVM cache). */
    public Evaluator newEvaluator(int width) {
        RatioSource source = column.source();
        List<RatioFunction> members = new ArrayList<>();
        RatioFunction ensemble;
        if (source instanceof RatioSource.Column) {
            ensemble = null;
        } else if (source instanceof RatioSource.Onnx onnx) {
            OnnxEnsembleRatio e = OnnxEnsembleRatio.load(name(), column.modelNames(), column.models(), width,
                    onnx.convention(), onnx.average(), policy);
            ensemble = e;
            for (OnnxRatioNetwork network : e.members()) {
                members.add(memberRatio(network, onnx));
            }
        } else {
            ensemble = new CheckedRatio(OffshellExactRatios.byName(((RatioSource.Exact) source).name()), policy);
            members.add(ensemble);
        }
        RatioFunction truth = exact == null ? null : OffshellExactRatios.byName(exact);
        return new Evaluator(ensemble, members, truth,
                source instanceof RatioSource.Column c ? c : null, policy, name());
    }

    private static RatioFunction memberRatio(OnnxRatioNetwork network, RatioSource.Onnx onnx) {
        return new RatioFunction() {
            @Override
            public String name() {
                return network.name();
            }

            @Override
            public void evaluate(FeatureBlock block, double[] out) {
                network.score(block, out);
                for (int i = 0; i < block.size(); i++) {
                    out[i] = onnx.convention().toRatio(out[i]);
                }
            }
        };
    }

    /** Evaluates the ensemble ratio, the members' ratios and the exact ratio on blocks. */
    public static final class Evaluator {
        private final RatioFunction ensemble;
        private final List<RatioFunction> members;
        private final RatioFunction truth;
        private final RatioSource.Column column;
        private final BadRatioPolicy policy;
        private final String name;

        /**
         * @param column the data column the ratio is read from, one block at a time (then there is no ensemble and no
         *               member function: the column is the one member), or null
         */
        Evaluator(RatioFunction ensemble, List<RatioFunction> members, RatioFunction truth, RatioSource.Column column,
                  BadRatioPolicy policy, String name) {
            this.ensemble = ensemble;
            this.members = members;
            this.truth = truth;
            this.column = column;
            this.policy = policy;
            this.name = name;
        }

        /**
         * [0]: the ensemble ratio; [1 .. K]: the members' ratios; [K + 1] (when there is a truth): the exact ratio.
         *
         * @param columns the block's data columns (the ratio's own when it is given as a column)
         */
        public double[][] evaluate(FeatureBlock block, Map<String, float[]> columns) {
            int n = block.size();
            double[][] out = new double[1 + members() + (truth == null ? 0 : 1)][n];
            if (column != null) {
                float[] raw = columns.get(column.column());
                if (raw == null) {
                    throw new IllegalStateException("ratio " + name + ": the block has no column '" + column.column() + "'");
                }
                new CheckedRatio(new ColumnRatio(name, column.convention(), raw), policy).evaluate(block, out[0]);
                System.arraycopy(out[0], 0, out[1], 0, n);
            } else {
                ensemble.evaluate(block, out[0]);
                for (int k = 0; k < members.size(); k++) {
                    members.get(k).evaluate(block, out[1 + k]);
                }
            }
            if (truth != null) {
                truth.evaluate(block, out[out.length - 1]);
            }
            return out;
        }

        public int members() {
            return column != null ? 1 : members.size();
        }

        public boolean hasTruth() {
            return truth != null;
        }
    }
}
