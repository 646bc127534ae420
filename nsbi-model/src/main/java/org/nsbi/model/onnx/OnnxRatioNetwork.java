package org.nsbi.model.onnx;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import ai.onnxruntime.ValueInfo;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import org.nsbi.model.UserError;
import org.nsbi.model.ratio.FeatureBlock;

/**
 * One ratio network: an ONNX model with one input of shape [N, F] (float32 or float64, N dynamic) and one
 * output of shape [N, 1] or [N] (float32 or float64), scored in batches. Returns the raw network outputs v(x);
 * the output convention is applied by {@link OnnxEnsembleRatio}.
 *
 * <p>The structure is checked when the network is created, against the feature list of the analysis. Each
 * instance owns a reusable direct input buffer of {@code batchSize * F} values, so it is confined to one
 * thread; the session itself is shared through {@link OnnxModelCache}.
 */
public final class OnnxRatioNetwork {

    /** Events per {@code OrtSession.run} unless stated otherwise. */
    public static final int DEFAULT_BATCH_SIZE = 4096;

    private final String name;
    private final String sha256;
    private final OrtSession session;
    private final String inputName;
    private final boolean doubleInput;
    private final String outputName;
    private final int width;
    private final int batchSize;
    private FloatBuffer floatInput;
    private DoubleBuffer doubleInput64;

    private OnnxRatioNetwork(String name, OnnxModelCache.LoadedModel model, String inputName, boolean doubleInput,
                             String outputName, int width, int batchSize) {
        this.name = name;
        this.sha256 = model.sha256();
        this.session = model.session();
        this.inputName = inputName;
        this.doubleInput = doubleInput;
        this.outputName = outputName;
        this.width = width;
        this.batchSize = batchSize;
    }

    /**
     * Loads (through the cache) and checks a network.
     *
     * @param name       a name for messages, e.g. the file path
     * @param bytes      the ONNX file's content
     * @param width      F, the number of features of the analysis; the input's second dimension must equal it
     * @param outputName the output to use, or null if the model has exactly one output
     * @param batchSize  events per run, &ge; 1
     * @throws IllegalArgumentException naming the file and what was expected and found
     */
    public static OnnxRatioNetwork load(String name, byte[] bytes, int width, String outputName, int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize = " + batchSize + "; expected >= 1");
        }
        OnnxModelCache.LoadedModel model = OnnxModelCache.load(bytes, name);
        try {
            Map<String, NodeInfo> inputs = model.session().getInputInfo();
            if (inputs.size() != 1) {
                throw new UserError(name + ": the model has " + inputs.size() + " inputs "
                        + inputs.keySet() + "; expected exactly one, of shape [N, " + width + "]");
            }
            NodeInfo input = inputs.values().iterator().next();
            TensorInfo in = tensorInfo(name, "input", input);
            long[] inShape = in.getShape();
            if (inShape.length != 2 || inShape[1] != width) {
                throw new UserError(name + ": input '" + input.getName() + "' has shape "
                        + shape(inShape) + "; expected [N, " + width + "] (one column per feature of the analysis)");
            }
            boolean doubleIn = floatOrDouble(name, "input '" + input.getName() + "'", in);
            NodeInfo output = chooseOutput(name, model.session().getOutputInfo(), outputName);
            TensorInfo out = tensorInfo(name, "output", output);
            long[] outShape = out.getShape();
            boolean shapeOk = outShape.length == 1 || (outShape.length == 2 && (outShape[1] == 1 || outShape[1] < 0));
            if (!shapeOk) {
                throw new UserError(name + ": output '" + output.getName() + "' has shape "
                        + shape(outShape) + "; expected [N, 1] or [N] (one value per event)");
            }
            floatOrDouble(name, "output '" + output.getName() + "'", out);
            return new OnnxRatioNetwork(name, model, input.getName(), doubleIn, output.getName(), width, batchSize);
        } catch (OrtException e) {
            throw new UserError(name + ": cannot read the model's inputs and outputs: " + e.getMessage(), e);
        }
    }

    /** {@link #load(String, byte[], int, String, int)} with the only output and the default batch size. */
    public static OnnxRatioNetwork load(String name, byte[] bytes, int width) {
        return load(name, bytes, width, null, DEFAULT_BATCH_SIZE);
    }

    private static NodeInfo chooseOutput(String name, Map<String, NodeInfo> outputs, String outputName) {
        if (outputName == null) {
            if (outputs.size() != 1) {
                throw new UserError(name + ": the model has " + outputs.size() + " outputs "
                        + outputs.keySet() + "; expected exactly one, or name the output to use");
            }
            return outputs.values().iterator().next();
        }
        NodeInfo chosen = outputs.get(outputName);
        if (chosen == null) {
            throw new UserError(name + ": the model has no output '" + outputName + "'; its outputs are "
                    + outputs.keySet());
        }
        return chosen;
    }

    private static TensorInfo tensorInfo(String name, String role, NodeInfo node) {
        ValueInfo info = node.getInfo();
        if (!(info instanceof TensorInfo t)) {
            throw new UserError(name + ": " + role + " '" + node.getName() + "' is " + info
                    + "; expected a tensor");
        }
        return t;
    }

    private static boolean floatOrDouble(String name, String what, TensorInfo t) {
        if (t.type == OnnxJavaType.FLOAT) {
            return false;
        }
        if (t.type == OnnxJavaType.DOUBLE) {
            return true;
        }
        throw new UserError(name + ": " + what + " has element type " + t.type
                + "; expected float32 or float64");
    }

    private static String shape(long[] s) {
        return Arrays.toString(Arrays.stream(s).mapToObj(d -> d < 0 ? "N" : Long.toString(d)).toArray());
    }

    /** The name given at load. */
    public String name() {
        return name;
    }

    /** sha256 of the model bytes. */
    public String sha256() {
        return sha256;
    }

    /** F, the input width. */
    public int width() {
        return width;
    }

    /** Whether the model takes float64 input (float32 otherwise). */
    public boolean doubleInput() {
        return doubleInput;
    }

    /**
     * Writes the raw network outputs v(x_i) for the block's events into {@code out[0 .. block.size())}, running
     * the model on batches of at most {@code batchSize} events.
     *
     * @throws IllegalArgumentException if the block's width is not F
     * @throws IllegalStateException    if ONNX Runtime fails or returns a number of values other than the
     *                                  number of events
     */
    public void score(FeatureBlock block, double[] out) {
        if (block.width() != width) {
            throw new IllegalArgumentException(name + ": block has " + block.width() + " features "
                    + Arrays.toString(block.featureNames()) + "; expected " + width);
        }
        if (out.length < block.size()) {
            throw new IllegalArgumentException(name + ": output array has length " + out.length + "; expected >= "
                    + block.size());
        }
        for (int start = 0; start < block.size(); start += batchSize) {
            int n = Math.min(batchSize, block.size() - start);
            runBatch(block.values(), start, n, out);
        }
    }

    private void runBatch(float[] values, int start, int n, double[] out) {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        long[] shape = {n, width};
        int from = start * width;
        int count = n * width;
        try (OnnxTensor tensor = doubleInput ? doubleTensor(env, values, from, count, shape)
                : floatTensor(env, values, from, count, shape);
             OrtSession.Result result = session.run(Map.of(inputName, tensor), Set.of(outputName))) {
            OnnxValue value = result.get(0);
            if (!(value instanceof OnnxTensor t)) {
                throw new IllegalStateException(name + ": output '" + outputName + "' is not a tensor");
            }
            long size = t.getInfo().getNumElements();
            if (size != n) {
                throw new IllegalStateException(name + ": output '" + outputName + "' has " + size
                        + " values for " + n + " events; expected one per event");
            }
            if (t.getInfo().type == OnnxJavaType.DOUBLE) {
                t.getDoubleBuffer().get(out, start, n);
            } else {
                FloatBuffer fb = t.getFloatBuffer();
                for (int i = 0; i < n; i++) {
                    out[start + i] = fb.get(i);
                }
            }
        } catch (OrtException e) {
            throw new IllegalStateException(name + ": ONNX Runtime failed on " + n + " events: " + e.getMessage(), e);
        }
    }

    private OnnxTensor floatTensor(OrtEnvironment env, float[] values, int from, int count, long[] shape)
            throws OrtException {
        if (floatInput == null) {
            floatInput = ByteBuffer.allocateDirect(4 * batchSize * width).order(ByteOrder.nativeOrder()).asFloatBuffer();
        }
        floatInput.clear();
        floatInput.put(values, from, count).flip();
        return OnnxTensor.createTensor(env, floatInput, shape);
    }

    private OnnxTensor doubleTensor(OrtEnvironment env, float[] values, int from, int count, long[] shape)
            throws OrtException {
        if (doubleInput64 == null) {
            doubleInput64 = ByteBuffer.allocateDirect(8 * batchSize * width).order(ByteOrder.nativeOrder()).asDoubleBuffer();
        }
        doubleInput64.clear();
        for (int i = 0; i < count; i++) {
            doubleInput64.put(values[from + i]);
        }
        doubleInput64.flip();
        return OnnxTensor.createTensor(env, doubleInput64, shape);
    }
}
