package org.nsbi.spark.validate;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.nsbi.model.UserError;
import org.nsbi.model.config.RatioSource;
import org.nsbi.model.offshell.OffshellExactRatios;
import org.nsbi.model.onnx.OnnxEnsembleRatio;
import org.nsbi.model.onnx.OnnxRatioNetwork;
import org.nsbi.model.ratio.BadRatioPolicy;
import org.nsbi.model.ratio.CheckedRatio;
import org.nsbi.model.ratio.FeatureBlock;
import org.nsbi.model.ratio.RatioFunction;
import org.nsbi.spark.io.HadoopFileAccess;
import org.nsbi.spark.score.RatioColumn;

/**
 * One ratio to validate, as it travels to executors: its scored-table column name, its source with the ONNX bytes
 * (read once on the driver), the bad-ratio policy, and the name of the off-shell toy's exact ratio it estimates
 * (null when there is no truth). {@link #newEvaluator()} gives, per event, the ratio as the analysis uses it (the
 * ensemble average), each member's ratio, and the exact ratio.
 */
public record RatioUnderTest(RatioColumn column, BadRatioPolicy policy, String exact) implements Serializable {

    private static final long serialVersionUID = 1L;

    /**
     * The ratio of a config's source; ONNX files are read through {@code files}.
     *
     * @throws IllegalArgumentException for a source that is a data column (validation evaluates the ratio on samples
     *                                  of its own, which have no such column), or an unknown exact name
     */
    public static RatioUnderTest of(String column, RatioSource source, BadRatioPolicy policy, String exact,
                                    HadoopFileAccess files) {
        if (source instanceof RatioSource.Column c) {
            throw new UserError("ratio " + column + " is the data column '" + c.column()
                    + "'; validate evaluates each ratio on samples of its own and needs an onnx or exact source");
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

    /** An evaluator for one task (it owns buffers and ONNX sessions from the per-JVM cache). */
    public Evaluator newEvaluator(int width) {
        RatioSource source = column.source();
        List<RatioFunction> members = new ArrayList<>();
        RatioFunction ensemble;
        if (source instanceof RatioSource.Onnx onnx) {
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
        return new Evaluator(ensemble, members, truth);
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

        Evaluator(RatioFunction ensemble, List<RatioFunction> members, RatioFunction truth) {
            this.ensemble = ensemble;
            this.members = members;
            this.truth = truth;
        }

        /** [0]: the ensemble ratio; [1 .. K]: the members' ratios; [K + 1] (when there is a truth): the exact ratio. */
        public double[][] evaluate(FeatureBlock block) {
            int n = block.size();
            double[][] out = new double[1 + members.size() + (truth == null ? 0 : 1)][n];
            ensemble.evaluate(block, out[0]);
            for (int k = 0; k < members.size(); k++) {
                members.get(k).evaluate(block, out[1 + k]);
            }
            if (truth != null) {
                truth.evaluate(block, out[out.length - 1]);
            }
            return out;
        }

        public int members() {
            return members.size();
        }

        public boolean hasTruth() {
            return truth != null;
        }
    }
}
