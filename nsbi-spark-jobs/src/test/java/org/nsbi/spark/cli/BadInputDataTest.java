package org.nsbi.spark.cli;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nsbi.model.onnx.TinyOnnx;
import org.nsbi.spark.SharedSpark;

/**
 * Bad events and bad network outputs, met by {@code nsbi score} while it reads and scores the events (on the
 * executors): each is refused with exit code 2 and a message naming the file, the column or network and the
 * value and what was expected, and nothing is written (the staging folder is removed).
 */
class BadInputDataTest {

    @TempDir
    Path dir;

    @Test
    void aFeatureMissingFromTheEvents() {
        TinyAnalysis a = TinyAnalysis.in(dir);
        Path ref = a.write("ref.csv", a.csv("x1,w", TinyAnalysis.REFERENCE_EVENTS, i -> i + ",0.5"));
        a.assertRefused(a.score(), "score", ref.toString(), "(sample ref): no column 'x2'",
                "expected the columns [x1, x2, w], found [x1, w]");
    }

    @Test
    void aFeatureMissingFromParquetEvents() {
        TinyAnalysis a = TinyAnalysis.in(dir);
        Path ref = dir.resolve("ref.parquet");
        SharedSpark.session().range(TinyAnalysis.REFERENCE_EVENTS).selectExpr("CAST(id AS FLOAT) / 300 AS x1",
                "CAST(0.5 AS FLOAT) AS w").coalesce(1).write().parquet(ref.toString());
        a.configWith("files: ref.csv", "files: ref.parquet");
        a.assertRefused(a.score(), "score", ref.toString(), "(sample ref): no column 'x2'",
                "expected the columns [x1, x2, w], found [x1, w]");
    }

    @Test
    void aNonNumericFeatureValue() {
        TinyAnalysis a = TinyAnalysis.in(dir);
        a.write("data.csv", a.csv("x1,x2", TinyAnalysis.OBSERVED_EVENTS, i -> i == 42 ? "0.5,abc" : TinyAnalysis.row(i)));
        a.assertRefused(a.score(), "score", "data.csv", "column x2: value 'abc'; expected a number (in the event {x1=0.5, x2=abc})");
    }

    @Test
    void aNanFeatureValue() {
        TinyAnalysis a = TinyAnalysis.in(dir);
        a.write("data.csv", a.csv("x1,x2", TinyAnalysis.OBSERVED_EVENTS, i -> i == 42 ? "NaN,0.5" : TinyAnalysis.row(i)));
        a.assertRefused(a.score(), "score", "data.csv", "feature column x1: value NaN; expected a finite number (in the event {x1=NaN, x2=0.5})");
    }

    /** Event 7 of the reference sample has the weight w (a negative number, or NaN). */
    @ParameterizedTest
    @CsvSource({"-0.5", "NaN"})
    void aNegativeOrNanEventWeight(String w) {
        TinyAnalysis a = TinyAnalysis.in(dir);
        a.write("ref.csv", a.csv("x1,x2,w", TinyAnalysis.REFERENCE_EVENTS,
                i -> TinyAnalysis.row(i) + (i == 7 ? "," + w : ",0.5")));
        a.assertRefused(a.score(), "score", "ref.csv", "weight column w: value " + w
                + "; expected a finite event weight >= 0 (in the event {x1=0.0233, x2=0.1633, w=" + w + "})");
    }

    @Test
    void anEmptyReferenceSample() {
        TinyAnalysis a = TinyAnalysis.in(dir);
        a.write("ref.csv", "x1,x2,w\n");
        a.assertRefused(a.score(), "score", a.config() + ": reference: the reference sample 'ref' ("
                + dir.resolve("ref.csv") + ") has no events; expected events of positive total weight");
    }

    /** The network's output is its bias b for every event: NaN, +inf, -inf or -1, each a bad ratio. */
    @ParameterizedTest
    @CsvSource({"NaN, 300 NaN (events 0, 1, 2, 3, 4, ...)", "Infinity, 300 infinite (events 0, 1, 2, 3, 4, ...)",
            "-Infinity, 300 negative (events 0, 1, 2, 3, 4, ...)", "-1, 300 negative (events 0, 1, 2, 3, 4, ...)"})
    void aNetworkThatOutputsABadRatio(double bias, String count) {
        TinyAnalysis a = TinyAnalysis.in(dir);
        Path bad = a.write("bad.onnx", TinyOnnx.linear(new double[] {0, 0}, bias, TinyOnnx.FLOAT));
        a.configWith("coefficient: \"mu\"\n    ratio: {onnx: one.onnx", "coefficient: \"mu\"\n    ratio: {onnx: bad.onnx");
        a.assertRefused(a.score(), "score", "scoring the reference sample 'ref' with the ONNX network " + bad + ", block ",
                " of 300 events (event indices count within it; the first bad ratio, " + bias + ", is event 0: x1 = 0.0, x2 = 0.0)",
                ": ratio 'r_S': 300 bad ratios in 300 events: ", count,
                "the run stops on bad ratios unless clipping is allowed (config: bad_ratios: {policy: clip");
    }
}
