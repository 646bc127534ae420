package org.nsbi.model.onnx;

import org.nsbi.model.ratio.BadRatioPolicy;
import org.nsbi.model.ratio.FeatureBlock;

import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.nsbi.model.ratio.RatioConvention;

/**
 * Scoring speed of the fixture networks on one thread, run on purpose (not a unit test):
 * after {@code mvn -B -ntp -o -q -pl nsbi-model -am test-compile}, from the repository root:
 * <pre>
 * java -cp nsbi-model/target/classes:nsbi-model/target/test-classes:$HOME/.m2/repository/com/microsoft/onnxruntime/onnxruntime/1.29.0/onnxruntime-1.29.0.jar \
 *   -Dnsbi.shared.dir=/work/shared org.nsbi.model.onnx.OnnxScoringBenchmark 1000000
 * </pre>
 * Events are uniform in the window (m in [200, 1000], c in [-1, 1], y in [-3, 3]), in one block scored in
 * batches of {@value OnnxRatioNetwork#DEFAULT_BATCH_SIZE}.
 */
public final class OnnxScoringBenchmark {

    private OnnxScoringBenchmark() {
    }

    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        Path dir = Path.of(System.getProperty("nsbi.shared.dir", "../shared"), "fixtures", "offshell-toy", "onnx");
        SplittableRandom rng = new SplittableRandom(1);
        float[] x = new float[3 * n];
        for (int i = 0; i < n; i++) {
            x[3 * i] = (float) (200 + 800 * rng.nextDouble());
            x[3 * i + 1] = (float) (-1 + 2 * rng.nextDouble());
            x[3 * i + 2] = (float) (-3 + 6 * rng.nextDouble());
        }
        FeatureBlock block = new FeatureBlock(new String[]{"m", "c", "y"}, n, x);
        OnnxEnsembleRatio ensemble = OnnxEnsembleRatio.loadFiles("ratio_SBI",
                List.of(dir.resolve("ratio_SBI_0.onnx"), dir.resolve("ratio_SBI_1.onnx"), dir.resolve("ratio_SBI_2.onnx")),
                3, RatioConvention.SCORE, EnsembleAverage.RATIO, BadRatioPolicy.FAIL);
        double[] out = new double[n];
        ensemble.evaluate(block, out); // warm-up
        for (int rep = 0; rep < 3; rep++) {
            long t0 = System.nanoTime();
            ensemble.evaluate(block, out);
            double s = (System.nanoTime() - t0) * 1e-9;
            System.out.printf("ratio_SBI ensemble (3 networks), %d events, 1 thread: %.3f s, %.3g events/s"
                    + " (%.3g network evaluations/s)%n", n, s, n / s, 3 * n / s);
        }
    }
}
