package org.nsbi.model.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nsbi.model.UserError;
import org.nsbi.model.ratio.BadRatioException;
import org.nsbi.model.ratio.BadRatioPolicy;
import org.nsbi.model.ratio.BadRatioReport;
import org.nsbi.model.ratio.FeatureBlock;
import org.nsbi.model.ratio.RatioConvention;

/** Structure checks, float64 input, ensemble averaging and bad-ratio handling, on tiny hand-built models. */
class OnnxRatioNetworkTest {

    private static final String[] FEATURES = {"m", "c", "y"};

    private static FeatureBlock block(float... firstColumn) {
        float[] v = new float[3 * firstColumn.length];
        for (int i = 0; i < firstColumn.length; i++) {
            v[3 * i] = firstColumn[i];
            v[3 * i + 1] = 0.5f;
            v[3 * i + 2] = -2f;
        }
        return new FeatureBlock(FEATURES, firstColumn.length, v);
    }

    private static OnnxEnsembleRatio identityRatio(BadRatioPolicy policy) {
        OnnxRatioNetwork net = OnnxRatioNetwork.load("identity.onnx", TinyOnnx.firstFeature(3, TinyOnnx.FLOAT), 3);
        return OnnxEnsembleRatio.of("r_id", List.of(net), RatioConvention.RATIO, EnsembleAverage.RATIO, policy);
    }

    @Test
    void wrongInputWidthNamesFileShapeAndFeatureCount() throws Exception {
        byte[] fixture = Files.readAllBytes(FixtureScoringTest.ONNX_DIR.resolve("ratio_S_0.onnx"));
        UserError e = assertThrows(UserError.class,
                () -> OnnxRatioNetwork.load("ratio_S_0.onnx", fixture, 2));
        assertEquals("ratio_S_0.onnx: input 'x' has shape [N, 3]; expected [N, 2] (one column per feature of the analysis)",
                e.getMessage());
    }

    @Test
    void notAnOnnxFile() {
        byte[] text = "m,c,y,score\n200,-1,0,0.36\n".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        UserError e = assertThrows(UserError.class,
                () -> OnnxRatioNetwork.load("events.csv", text, 3));
        assertTrue(e.getMessage().startsWith("events.csv: not a loadable ONNX model (26 bytes, sha256 "
                + OnnxModelCache.sha256(text) + "): "), e.getMessage());
    }

    @Test
    void severalOutputsNeedAName() {
        byte[] two = TinyOnnx.linear(new double[]{1, 0, 0}, 0, TinyOnnx.FLOAT, 2);
        UserError e = assertThrows(UserError.class,
                () -> OnnxRatioNetwork.load("two.onnx", two, 3));
        assertEquals("two.onnx: the model has 2 outputs [score, score1]; expected exactly one, or name the output to use",
                e.getMessage());
        UserError missing = assertThrows(UserError.class,
                () -> OnnxRatioNetwork.load("two.onnx", two, 3, "logit", 16));
        assertEquals("two.onnx: the model has no output 'logit'; its outputs are [score, score1]", missing.getMessage());
        OnnxRatioNetwork named = OnnxRatioNetwork.load("two.onnx", two, 3, "score1", 16);
        double[] out = new double[2];
        named.score(block(1.5f, 2.5f), out);
        assertArrayEquals(new double[]{1.5, 2.5}, out, 0.0, "the named output");
    }

    @Test
    void float64InputAndOutput() {
        byte[] model = TinyOnnx.linear(new double[]{0.25, 2, -1}, 0.125, TinyOnnx.DOUBLE);
        OnnxRatioNetwork net = OnnxRatioNetwork.load("double.onnx", model, 3, null, 2);
        assertTrue(net.doubleInput(), "float64 input detected");
        FeatureBlock b = block(1f, 3f, 1e-3f, 7f, 0.1f);
        double[] out = new double[b.size()];
        net.score(b, out);
        for (int i = 0; i < b.size(); i++) {
            double expected = 0.25 * (double) b.value(i, 0) + 2 * (double) b.value(i, 1) - (double) b.value(i, 2) + 0.125;
            assertEquals(expected, out[i], 1e-15, "event " + i + " (batches of 2)");
        }
    }

    @Test
    void blockOfWrongWidthIsRejected() {
        OnnxRatioNetwork net = OnnxRatioNetwork.load("identity.onnx", TinyOnnx.firstFeature(3, TinyOnnx.FLOAT), 3);
        FeatureBlock two = new FeatureBlock(new String[]{"m", "c"}, 1, new float[]{1, 2});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> net.score(two, new double[1]));
        assertEquals("identity.onnx: block has 2 features [m, c]; expected 3", e.getMessage());
    }

    @Test
    void ensembleAveragesRatiosByDefaultAndOutputsOnRequest() {
        OnnxRatioNetwork one = OnnxRatioNetwork.load("l1.onnx", TinyOnnx.linear(new double[]{1, 0, 0}, 0, TinyOnnx.FLOAT), 3);
        OnnxRatioNetwork two = OnnxRatioNetwork.load("l2.onnx", TinyOnnx.linear(new double[]{2, 0, 0}, 0, TinyOnnx.FLOAT), 3);
        FeatureBlock b = block(-1f, 0f, 0.5f);
        double[] ratio = new double[3];
        OnnxEnsembleRatio.of("e", List.of(one, two), RatioConvention.LOGIT, EnsembleAverage.RATIO, BadRatioPolicy.FAIL)
                .evaluate(b, ratio);
        double[] output = new double[3];
        OnnxEnsembleRatio.of("e", List.of(one, two), RatioConvention.LOGIT, EnsembleAverage.OUTPUT, BadRatioPolicy.FAIL)
                .evaluate(b, output);
        for (int i = 0; i < 3; i++) {
            double l = b.value(i, 0);
            assertEquals((Math.exp(l) + Math.exp(2 * l)) / 2, ratio[i], 1e-12, "mean of e^l and e^2l");
            assertEquals(Math.exp(1.5 * l), output[i], 1e-12, "e^(mean of l and 2l)");
        }
    }

    @Test
    void badRatiosStopTheRunWithCountsAndEventIndices() {
        OnnxEnsembleRatio r = identityRatio(BadRatioPolicy.FAIL);
        r.evaluate(block(1f, 2f), new double[2]);
        FeatureBlock bad = block(1f, Float.NaN, -0.5f, Float.POSITIVE_INFINITY, 3f, -2f);
        BadRatioException e = assertThrows(BadRatioException.class, () -> r.evaluate(bad, new double[6]));
        assertEquals("ratio 'r_id': 4 bad ratios in 6 events: 1 NaN (events 3), 1 infinite (events 5),"
                + " 2 negative (events 4, 7); the run stops on bad ratios unless clipping is allowed"
                + " (config: bad_ratios: {policy: clip, clip_max: <bound>})", e.getMessage());
        assertEquals(4, e.report().badCount(), "bad count");
    }

    @Test
    void clippingReplacesAndCountsBadRatios() {
        OnnxEnsembleRatio r = identityRatio(BadRatioPolicy.clip(1e6));
        double[] out = new double[6];
        r.evaluate(block(1f, Float.NaN, -0.5f, Float.POSITIVE_INFINITY, 3f, Float.NEGATIVE_INFINITY), out);
        assertArrayEquals(new double[]{1, 0, 0, 1e6, 3, 0}, out, 0.0, "clipped ratios");
        BadRatioReport report = r.report();
        assertEquals(6, report.events(), "events");
        assertEquals(1, report.nanCount(), "NaN");
        assertEquals(1, report.infiniteCount(), "+inf");
        assertEquals(2, report.negativeCount(), "negative incl. -inf");
        assertEquals(List.of(2L, 5L), report.negativeExamples(), "negative examples");
    }

    @Test
    void reportKeepsAtMostFiveExamples() {
        BadRatioReport report = new BadRatioReport("r");
        double[] r = new double[8];
        java.util.Arrays.fill(r, Double.NaN);
        report.scan(r, 8, 100);
        assertEquals("ratio 'r': 8 bad ratios in 8 events: 8 NaN (events 100, 101, 102, 103, 104, ...), 0 infinite,"
                + " 0 negative", report.summary());
        assertFalse(BadRatioReport.isGood(Double.NaN));
    }

    @Test
    void conventions() {
        assertEquals(3.0, RatioConvention.SCORE.toRatio(0.75), 1e-15, "0.75 / 0.25");
        assertEquals(1.0, RatioConvention.SCORE.toRatio(0.5), 1e-15, "0.5 / 0.5");
        assertEquals(1e-9 / (1 - 1e-9), RatioConvention.SCORE.toRatio(1e-9), 1e-24, "small score");
        assertEquals(Double.POSITIVE_INFINITY, RatioConvention.SCORE.toRatio(1.0), "s = 1");
        assertEquals(3.0, RatioConvention.LOGIT.toRatio(Math.log(3)), 1e-15, "e^ln3");
        assertEquals(3.0, RatioConvention.LOG_RATIO.toRatio(Math.log(3)), 1e-15, "e^ln3");
        assertEquals(-2.0, RatioConvention.RATIO.toRatio(-2.0), 0.0, "ratio passes through");
        assertEquals(RatioConvention.LOG_RATIO, RatioConvention.fromConfigName("log_ratio"));
        UserError e = assertThrows(UserError.class,
                () -> RatioConvention.fromConfigName("prob"));
        assertEquals("unknown output convention 'prob'; expected one of score, logit, ratio, log_ratio", e.getMessage());
    }

    @Test
    void loadFromPath(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path file = dir.resolve("id.onnx");
        Files.write(file, TinyOnnx.firstFeature(3, TinyOnnx.FLOAT));
        assertEquals(OnnxModelCache.sha256(Files.readAllBytes(file)), OnnxModelCache.load(file).sha256());
    }
}
