package org.nsbi.model.onnx;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Builds tiny ONNX models for tests, written as protobuf bytes by hand (field numbers from onnx.proto, ONNX
 * IR version 7, opset 13): input {@code x} of shape [N, F], output(s) {@code y = x W + b} through one Gemm,
 * W of shape [F, 1]. Public for the bad-input tests of nsbi-spark-jobs (through nsbi-model's test-jar). With W = e_0 and b = 0 the output is the first feature exactly, so a test controls every
 * output value, including NaN, infinities and negatives.
 */
public final class TinyOnnx {

    public static final int FLOAT = 1;
    public static final int DOUBLE = 11;

    private TinyOnnx() {
    }

    /** y = x W + b with the given weights (length F), element type FLOAT or DOUBLE, one output named "score". */
    public static byte[] linear(double[] w, double b, int elemType) {
        return linear(w, b, elemType, 1);
    }

    /** As {@link #linear(double[], double, int)} with {@code outputs} outputs "score", "score1", ... (same value). */
    public static byte[] linear(double[] w, double b, int elemType, int outputs) {
        int f = w.length;
        Proto graph = new Proto();
        for (int k = 0; k < outputs; k++) {
            graph.message(1, new Proto().string(1, "x").string(1, "W").string(1, "B")
                    .string(2, k == 0 ? "score" : "score" + k).string(4, "Gemm"));
        }
        graph.string(2, "tiny");
        graph.message(5, tensor("W", new long[]{f, 1}, w, elemType));
        graph.message(5, tensor("B", new long[]{1}, new double[]{b}, elemType));
        graph.message(11, valueInfo("x", elemType, -1, f));
        for (int k = 0; k < outputs; k++) {
            graph.message(12, valueInfo(k == 0 ? "score" : "score" + k, elemType, -1, 1));
        }
        return new Proto().varint(1, 7).string(2, "nsbi-test").message(7, graph)
                .message(8, new Proto().string(1, "").varint(2, 13)).bytes();
    }

    /** The output equals the first of F features: W = e_0, b = 0. */
    public static byte[] firstFeature(int f, int elemType) {
        double[] w = new double[f];
        w[0] = 1;
        return linear(w, 0, elemType);
    }

    private static Proto tensor(String name, long[] dims, double[] values, int elemType) {
        Proto t = new Proto();
        for (long d : dims) {
            t.varint(1, d);
        }
        t.varint(2, elemType).string(8, name);
        ByteBuffer raw = ByteBuffer.allocate(values.length * (elemType == DOUBLE ? 8 : 4)).order(ByteOrder.LITTLE_ENDIAN);
        for (double v : values) {
            if (elemType == DOUBLE) {
                raw.putDouble(v);
            } else {
                raw.putFloat((float) v);
            }
        }
        return t.bytes(9, raw.array());
    }

    /** A tensor value info; a negative dimension is the symbolic batch dimension "N". */
    private static Proto valueInfo(String name, int elemType, long... dims) {
        Proto shape = new Proto();
        for (long d : dims) {
            shape.message(1, d < 0 ? new Proto().string(2, "N") : new Proto().varint(1, d));
        }
        Proto tensorType = new Proto().varint(1, elemType).message(2, shape);
        return new Proto().string(1, name).message(2, new Proto().message(1, tensorType));
    }

    /** A protobuf message writer: varint and length-delimited fields only. */
    private static final class Proto {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Proto varint(int field, long value) {
            raw((long) field << 3);
            raw(value);
            return this;
        }

        Proto bytes(int field, byte[] value) {
            raw(((long) field << 3) | 2);
            raw(value.length);
            out.writeBytes(value);
            return this;
        }

        Proto string(int field, String value) {
            return bytes(field, value.getBytes(StandardCharsets.UTF_8));
        }

        Proto message(int field, Proto value) {
            return bytes(field, value.bytes());
        }

        byte[] bytes() {
            return out.toByteArray();
        }

        private void raw(long v) {
            while ((v & ~0x7FL) != 0) {
                out.write((int) ((v & 0x7F) | 0x80));
                v >>>= 7;
            }
            out.write((int) v);
        }
    }
}
