package org.nsbi.model.onnx;

import java.util.List;
import org.nsbi.model.UserError;
import org.nsbi.model.ratio.BadRatioPolicy;
import org.nsbi.model.ratio.BadRatioReport;
import org.nsbi.model.ratio.FeatureBlock;
import org.nsbi.model.ratio.RatioCheck;
import org.nsbi.model.ratio.RatioConvention;
import org.nsbi.model.ratio.RatioFunction;

/**
 * A ratio r(x) from one ONNX network or an ensemble of K networks:
 * <ul>
 *   <li>{@link EnsembleAverage#RATIO} (default): r(x) = (1/K) &Sigma;_k conv(v_k(x));</li>
 *   <li>{@link EnsembleAverage#OUTPUT}: r(x) = conv((1/K) &Sigma;_k v_k(x));</li>
 * </ul>
 * where v_k is member k's raw output and conv the {@link RatioConvention}. Every block's ratios are checked:
 * NaN, infinite or negative values stop the run with a {@link BadRatioException} (policy FAIL) or are clipped
 * and counted (policy CLIP). Event indices in reports count the events this function has evaluated, in order,
 * starting at 0. One instance per thread: it owns reusable buffers and the cumulative {@link #report()}.
 */
public final class OnnxEnsembleRatio implements RatioFunction {

    private final String name;
    private final List<OnnxRatioNetwork> members;
    private final RatioConvention convention;
    private final EnsembleAverage average;
    private final BadRatioPolicy policy;
    private final RatioCheck check;
    private double[] raw = new double[0];

    private OnnxEnsembleRatio(String name, List<OnnxRatioNetwork> members, RatioConvention convention,
                              EnsembleAverage average, BadRatioPolicy policy) {
        this.name = name;
        this.members = members;
        this.convention = convention;
        this.average = average;
        this.policy = policy;
        this.check = new RatioCheck(name, policy);
    }

    /**
     * An ensemble of already loaded networks, all of the same input width.
     *
     * @throws IllegalArgumentException if there are no members or their widths differ
     */
    public static OnnxEnsembleRatio of(String name, List<OnnxRatioNetwork> members, RatioConvention convention,
                                       EnsembleAverage average, BadRatioPolicy policy) {
        if (members.isEmpty()) {
            throw new IllegalArgumentException(name + ": an ensemble needs at least one ONNX network");
        }
        int width = members.get(0).width();
        for (OnnxRatioNetwork m : members) {
            if (m.width() != width) {
                throw new UserError(name + ": member " + m.name() + " has input width " + m.width()
                        + "; expected " + width + " like " + members.get(0).name());
            }
        }
        return new OnnxEnsembleRatio(name, List.copyOf(members), convention, average, policy);
    }

    /**
     * Loads an ensemble from model bytes (one entry per member), with the only output of each model and the
     * default batch size.
     *
     * @param memberNames names for messages, one per member (e.g. the file paths)
     * @param models      the ONNX files' contents, in the same order
     * @param width       F, the number of features of the analysis
     */
    public static OnnxEnsembleRatio load(String name, List<String> memberNames, List<byte[]> models, int width,
                                         RatioConvention convention, EnsembleAverage average, BadRatioPolicy policy) {
        if (memberNames.size() != models.size()) {
            throw new IllegalArgumentException(name + ": " + memberNames.size() + " member names for "
                    + models.size() + " models");
        }
        List<OnnxRatioNetwork> networks = new java.util.ArrayList<>();
        for (int k = 0; k < models.size(); k++) {
            networks.add(OnnxRatioNetwork.load(memberNames.get(k), models.get(k), width));
        }
        return of(name, networks, convention, average, policy);
    }

    /**
     * Loads an ensemble from local ONNX files (a convenience for tests and local runs; the Spark layer reads
     * files through Hadoop and passes bytes to {@link #load(String, List, List, int, RatioConvention,
     * EnsembleAverage, BadRatioPolicy)}).
     */
    public static OnnxEnsembleRatio loadFiles(String name, List<java.nio.file.Path> files, int width,
                                              RatioConvention convention, EnsembleAverage average,
                                              BadRatioPolicy policy) {
        List<byte[]> models = new java.util.ArrayList<>();
        for (java.nio.file.Path f : files) {
            try {
                models.add(java.nio.file.Files.readAllBytes(f));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(f + ": cannot read the ONNX file: " + e.getMessage(), e);
            }
        }
        return load(name, files.stream().map(java.nio.file.Path::toString).toList(), models, width, convention,
                average, policy);
    }

    @Override
    public String name() {
        return name;
    }

    public List<OnnxRatioNetwork> members() {
        return members;
    }

    public RatioConvention convention() {
        return convention;
    }

    public EnsembleAverage average() {
        return average;
    }

    public BadRatioPolicy policy() {
        return policy;
    }

    /** Bad-ratio counts over every block evaluated so far (only non-zero under a CLIP policy). */
    public BadRatioReport report() {
        return check.report();
    }

    @Override
    public void evaluate(FeatureBlock block, double[] out) {
        int n = block.size();
        if (out.length < n) {
            throw new IllegalArgumentException(name + ": output array has length " + out.length + "; expected >= "
                    + n + " (the block's events)");
        }
        if (raw.length < n) {
            raw = new double[n];
        }
        java.util.Arrays.fill(out, 0, n, 0.0);
        for (OnnxRatioNetwork member : members) {
            member.score(block, raw);
            if (average == EnsembleAverage.RATIO) {
                for (int i = 0; i < n; i++) {
                    out[i] += convention.toRatio(raw[i]);
                }
            } else {
                for (int i = 0; i < n; i++) {
                    out[i] += raw[i];
                }
            }
        }
        double k = members.size();
        for (int i = 0; i < n; i++) {
            out[i] = average == EnsembleAverage.RATIO ? out[i] / k : convention.toRatio(out[i] / k);
        }
        check.apply(out, n);
    }

}
