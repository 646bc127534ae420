package org.nsbi.model.onnx;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nsbi.model.ratio.BadRatioPolicy;
import org.nsbi.model.ratio.FeatureBlock;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nsbi.model.ratio.RatioConvention;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every fixture network of the off-shell toy ({@code fixtures/offshell-toy/onnx}, listed in manifest.json)
 * scores its 1000 test rows to within 1e-5 of the recorded PyTorch output ({@code score} column). Reference
 * values: the fixtures' {@code *_testrows.csv}, written by the training framework (PyTorch 1.13, CPU, float32).
 */
class FixtureScoringTest {

    static final Path ONNX_DIR = Path.of(System.getProperty("nsbi.shared.dir", "/work/shared"),
            "fixtures", "offshell-toy", "onnx");
    static final String[] FEATURES = {"m", "c", "y"};

    /** One fixture member: its network and test rows. */
    record Member(String ratio, String file, OnnxRatioNetwork network, FeatureBlock rows, double[] torchScore) {
    }

    static final Map<String, List<Member>> BY_RATIO = new LinkedHashMap<>();

    @BeforeAll
    static void loadAllOnce() throws IOException {
        JsonNode manifest = new ObjectMapper().readTree(ONNX_DIR.resolve("manifest.json").toFile());
        for (Map.Entry<String, JsonNode> ratio : manifest.get("ratios").properties()) {
            List<Member> members = new ArrayList<>();
            for (JsonNode m : ratio.getValue().get("members")) {
                String file = m.get("file").asText();
                byte[] bytes = Files.readAllBytes(ONNX_DIR.resolve(file));
                assertEquals(m.get("sha256").asText(), OnnxModelCache.sha256(bytes), file + ": sha256 as in manifest.json");
                OnnxRatioNetwork net = OnnxRatioNetwork.load(file, bytes, 3);
                List<String> lines = Files.readAllLines(ONNX_DIR.resolve(m.get("testrows").asText()));
                assertEquals("m,c,y,score", lines.get(0), file + " test rows header");
                int n = lines.size() - 1;
                float[] x = new float[3 * n];
                double[] score = new double[n];
                for (int i = 0; i < n; i++) {
                    String[] p = lines.get(i + 1).split(",");
                    for (int f = 0; f < 3; f++) {
                        x[3 * i + f] = Float.parseFloat(p[f]);
                    }
                    score[i] = Float.parseFloat(p[3]);
                }
                members.add(new Member(ratio.getKey(), file, net, new FeatureBlock(FEATURES, n, x), score));
            }
            BY_RATIO.put(ratio.getKey(), members);
        }
    }

    @Test
    void everyFixtureNetworkMatchesTorchWithin1e5() {
        int files = 0;
        double worst = 0;
        String worstFile = "";
        for (List<Member> members : BY_RATIO.values()) {
            for (Member m : members) {
                double[] out = new double[m.rows().size()];
                m.network().score(m.rows(), out);
                for (int i = 0; i < out.length; i++) {
                    double d = Math.abs(out[i] - m.torchScore()[i]);
                    assertTrue(d <= 1e-5, m.file() + " row " + (i + 1) + ": onnx " + out[i] + " vs torch "
                            + m.torchScore()[i]);
                    if (d > worst) {
                        worst = d;
                        worstFile = m.file();
                    }
                }
                files++;
            }
        }
        assertEquals(42, files, "fixture networks in manifest.json");
        System.out.printf("FixtureScoringTest: 42 networks x 1000 rows, max |onnx - torch| = %.3g (%s)%n",
                worst, worstFile);
    }

    @Test
    void batchingDoesNotChangeScores() {
        Member m = BY_RATIO.get("ratio_SBI").get(0);
        double[] whole = new double[m.rows().size()];
        m.network().score(m.rows(), whole);
        OnnxRatioNetwork small = smallBatches(m);
        double[] batched = new double[m.rows().size()];
        small.score(m.rows(), batched);
        for (int i = 0; i < whole.length; i++) {
            assertEquals(whole[i], batched[i], 1e-6, "row " + i + " with batches of 7 events");
        }
    }

    private static OnnxRatioNetwork smallBatches(Member m) {
        try {
            byte[] bytes = Files.readAllBytes(ONNX_DIR.resolve(m.file()));
            return OnnxRatioNetwork.load(m.file(), bytes, 3, "score", 7);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void ensembleIsTheMeanOfTheMembersRatiosOfTheTorchScores() {
        List<Member> members = BY_RATIO.get("ratio_SBI");
        FeatureBlock rows = members.get(0).rows();
        for (Member m : members) {
            assertTrue(java.util.Arrays.equals(m.rows().values(), rows.values()),
                    m.file() + ": the ratio_* members share their test rows");
        }
        OnnxEnsembleRatio ensemble = OnnxEnsembleRatio.of("ratio_SBI",
                members.stream().map(Member::network).toList(), RatioConvention.SCORE, EnsembleAverage.RATIO,
                BadRatioPolicy.FAIL);
        double[] r = new double[rows.size()];
        ensemble.evaluate(rows, r);
        for (int i = 0; i < r.length; i++) {
            double expected = 0;
            for (Member m : members) {
                double s = m.torchScore()[i];
                expected += s / (1 - s) / members.size();
            }
            assertEquals(expected, r[i], 1e-4 * expected, "ensemble ratio of row " + i);
        }
        assertEquals(rows.size(), ensemble.report().events(), "events counted");
        assertEquals(0, ensemble.report().badCount(), "no bad ratios on the fixtures' test rows");
    }

    @Test
    void ensembleFromFilesEqualsEnsembleOfLoadedMembers() {
        List<Member> members = BY_RATIO.get("syst_NI_ni_shape_up");
        OnnxEnsembleRatio fromFiles = OnnxEnsembleRatio.loadFiles("syst_NI_ni_shape_up",
                members.stream().map(m -> ONNX_DIR.resolve(m.file())).toList(), 3, RatioConvention.SCORE,
                EnsembleAverage.RATIO, BadRatioPolicy.FAIL);
        OnnxEnsembleRatio ofMembers = OnnxEnsembleRatio.of("syst_NI_ni_shape_up",
                members.stream().map(Member::network).toList(), RatioConvention.SCORE, EnsembleAverage.RATIO,
                BadRatioPolicy.FAIL);
        FeatureBlock rows = members.get(0).rows();
        double[] a = new double[rows.size()];
        double[] b = new double[rows.size()];
        fromFiles.evaluate(rows, a);
        ofMembers.evaluate(rows, b);
        org.junit.jupiter.api.Assertions.assertArrayEquals(b, a, 0.0, "same sessions, same ratios");
    }

    @Test
    void cacheLoadsEachModelOnce() throws IOException {
        Member m = BY_RATIO.get("ratio_B").get(1);
        int before = OnnxModelCache.size();
        byte[] bytes = Files.readAllBytes(ONNX_DIR.resolve(m.file()));
        OnnxModelCache.LoadedModel again = OnnxModelCache.load(bytes, "again");
        OnnxModelCache.LoadedModel third = OnnxModelCache.load(ONNX_DIR.resolve(m.file()));
        assertEquals(before, OnnxModelCache.size(), "no new session for bytes already loaded");
        assertTrue(again.session() == third.session(), "one session per content hash");
        assertEquals(m.network().sha256(), again.sha256(), "sha256");
    }
}
