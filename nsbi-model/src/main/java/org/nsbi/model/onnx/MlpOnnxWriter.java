package org.nsbi.model.onnx;

import ai.onnx.proto.OnnxMl;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.tribuo.util.onnx.ONNXContext;
import org.tribuo.util.onnx.ONNXInitializer;
import org.tribuo.util.onnx.ONNXNode;
import org.tribuo.util.onnx.ONNXOperators;
import org.tribuo.util.onnx.ONNXPlaceholder;
import org.tribuo.util.onnx.ONNXRef;

/**
 * Writes a trained Spark MLlib multilayer perceptron (sigmoid hidden layers, softmax over 2 classes) as an ONNX
 * network in the {@code score} convention of {@code nsbi-model/CONFIG.md}: input {@code x} float32 {@code [N, F]},
 * output {@code score} float32 {@code [N, 1]}, the class-1 probability s, so that r = s / (1 − s).
 *
 * <p>MLlib's weight layout ({@code org.apache.spark.ml.ann.FeedForwardTopology.multiLayerPerceptron}: layer l is an
 * {@code AffineLayer(n_l, n_{l+1})} followed by a sigmoid, or by the softmax for the last one; {@code
 * AffineLayerModel.unroll}): the weight vector is the layers' blocks one after the other; the block of layer l is
 * the matrix A_l (n_{l+1} rows, n_l columns) in column-major order, then the bias b_l (n_{l+1} values); the layer
 * computes y = A_l h + b_l. Column-major A_l (out × in) is row-major [in, out], so the block is, as written, the
 * matrix B_l of ONNX's {@code Gemm(h, B_l, b_l)} = h·B_l + b_l with h a row per event.
 *
 * <p>The graph: {@code Sub(x, mean)}, {@code Div(·, std)} (the training sample's standardisation), then per hidden
 * layer {@code Gemm} and {@code Sigmoid}, and for the output layer the softmax over two classes written as
 * p_1 = e^{z_1} / (e^{z_0} + e^{z_1}) = σ(z_1 − z_0): one {@code Gemm} with the column differences
 * B[:, 1] − B[:, 0] and bias b_1 − b_0 (plus {@code logitShift}), then {@code Sigmoid}. Opset 13.
 *
 * <p>{@code logitShift} adds a constant to z_1 − z_0, i.e. multiplies the ratio s/(1 − s) by e^{logitShift}: the
 * prior correction ln(n_0 / n_1) of a classifier trained on n_1 and n_0 unweighted events ({@link TrainingSet}).
 */
public final class MlpOnnxWriter {

    /** The network's input name. */
    public static final String INPUT = "x";
    /** The network's output name (convention {@code score}). */
    public static final String OUTPUT = "score";

    private MlpOnnxWriter() {
    }

    /**
     * The ONNX model bytes of an MLlib perceptron.
     *
     * @param layers     MLlib's layer sizes: F inputs, the hidden sizes, 2 outputs
     * @param weights    MLlib's weight vector ({@code MultilayerPerceptronClassificationModel.weights().toArray()})
     * @param mean       the per-feature mean the network's inputs were centred with (length F)
     * @param std        the per-feature standard deviation they were divided by (length F, each &gt; 0)
     * @param logitShift added to z_1 − z_0 (0 for the network exactly as MLlib evaluates it)
     * @param name       the graph's name
     */
    public static byte[] write(int[] layers, double[] weights, double[] mean, double[] std, double logitShift,
                               String name) {
        check(layers, weights, mean, std);
        ONNXContext ctx = new ONNXContext();
        ctx.setName(name);
        ONNXPlaceholder input = ctx.floatInput(INPUT, layers[0]);
        ONNXPlaceholder output = ctx.floatOutput(OUTPUT, 1);
        ONNXRef<?> h = input.apply(ONNXOperators.SUB, ctx.array("mean", mean));
        h = h.apply(ONNXOperators.DIV, ctx.array("std", std));
        int offset = 0;
        int last = layers.length - 2;
        for (int l = 0; l < last; l++) {
            int in = layers[l];
            int out = layers[l + 1];
            h = gemm(ctx, h, weights, offset, in, out, l);
            offset += in * out + out;
        }
        int in = layers[last];
        double[] w = new double[in];
        for (int i = 0; i < in; i++) {
            w[i] = weights[offset + 1 + 2 * i] - weights[offset + 2 * i];
        }
        double bias = weights[offset + 2 * in + 1] - weights[offset + 2 * in] + logitShift;
        ONNXInitializer wOut = ctx.floatTensor("W_out", List.of(in, 1), buf -> {
            for (double v : w) {
                buf.put((float) v);
            }
        });
        ONNXInitializer bOut = ctx.array("b_out", new float[]{(float) bias});
        ONNXNode logit = ctx.operation(ONNXOperators.GEMM, List.of(h, wOut, bOut), "logit", Map.of());
        ctx.assignTo(logit.apply(ONNXOperators.SIGMOID), output);
        OnnxMl.ModelProto model = OnnxMl.ModelProto.newBuilder()
                .setGraph(ctx.buildGraph())
                .addOpsetImport(ONNXOperators.getOpsetProto())
                .setIrVersion(8)
                .setProducerName("nsbi-spark train")
                .setDocString("Spark MLlib MultilayerPerceptronClassifier " + Arrays.toString(layers)
                        + ", standardised inputs; output score = class-1 probability, r = s / (1 - s)")
                .build();
        return model.toByteArray();
    }

    private static ONNXRef<?> gemm(ONNXContext ctx, ONNXRef<?> h, double[] weights, int offset, int in, int out,
                                   int l) {
        ONNXInitializer b = ctx.floatTensor("W" + l, List.of(in, out), buf -> {
            for (int k = 0; k < in * out; k++) {
                buf.put((float) weights[offset + k]);
            }
        });
        float[] bias = new float[out];
        for (int o = 0; o < out; o++) {
            bias[o] = (float) weights[offset + in * out + o];
        }
        ONNXNode z = ctx.operation(ONNXOperators.GEMM, List.of(h, b, ctx.array("b" + l, bias)), "z" + l, Map.of());
        return z.apply(ONNXOperators.SIGMOID);
    }

    private static void check(int[] layers, double[] weights, double[] mean, double[] std) {
        if (layers.length < 2 || layers[layers.length - 1] != 2) {
            throw new IllegalArgumentException("layers " + Arrays.toString(layers)
                    + ": expected the input size, the hidden sizes and 2 outputs (a binary classifier)");
        }
        long expected = 0;
        for (int l = 0; l + 1 < layers.length; l++) {
            expected += (long) layers[l] * layers[l + 1] + layers[l + 1];
        }
        if (weights.length != expected) {
            throw new IllegalArgumentException("layers " + Arrays.toString(layers) + " need " + expected
                    + " weights; found " + weights.length);
        }
        if (mean.length != layers[0] || std.length != layers[0]) {
            throw new IllegalArgumentException("standardisation has " + mean.length + " means and " + std.length
                    + " standard deviations; expected " + layers[0] + " of each");
        }
        for (int f = 0; f < std.length; f++) {
            if (!(std[f] > 0) || !Double.isFinite(std[f]) || !Double.isFinite(mean[f])) {
                throw new IllegalArgumentException("feature " + f + ": mean " + mean[f] + ", standard deviation "
                        + std[f] + "; expected a finite mean and a finite standard deviation > 0 (a feature that is"
                        + " constant in the training sample cannot be standardised)");
            }
        }
    }
}
