package org.nsbi.spark.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nsbi.model.config.AnalysisConfig;
import org.nsbi.model.onnx.TinyOnnx;
import org.nsbi.model.ratio.EventBlock;
import org.nsbi.model.score.ScoredColumns;
import org.nsbi.model.score.ScoringPlan;
import org.nsbi.spark.SharedSpark;
import org.nsbi.spark.actions.AnalysisAction;
import org.nsbi.spark.io.EventBlockRows;
import org.nsbi.spark.io.HadoopFileAccess;

/**
 * The scored table as {@code score} writes it: plain-encoded Parquet (no dictionary pages: the writer would hash
 * every continuous float only to fall back to plain encoding), holding exactly the floats the scorer computes.
 */
class ScoredTableParquetTest {

    @Test
    void theScoredTableHasNoDictionaryPagesAndHoldsTheScorersRatiosBitForBit(@TempDir Path dir) throws IOException {
        TinyAnalysis a = TinyAnalysis.in(dir);
        // a ratio that differs from event to event (0.5 + 0.7 x1 + 0.3 x2), so that a dictionary would be tried
        a.write("lin.onnx", TinyOnnx.linear(new double[] {0.7, 0.3}, 0.5, TinyOnnx.FLOAT));
        a.config(TinyAnalysis.BASE_CONFIG.replaceFirst("onnx: one.onnx", "onnx: lin.onnx"));
        TinyAnalysis.Run r = a.score();
        assertEquals(0, r.code(), r.err());

        Path reference = a.out().resolve("scored/reference");
        List<Path> files;
        try (Stream<Path> s = Files.list(reference)) {
            files = s.filter(p -> p.getFileName().toString().endsWith(".parquet")).toList();
        }
        assertFalse(files.isEmpty(), "Parquet files in " + reference);
        int chunks = 0;
        for (Path f : files) {
            try (ParquetFileReader reader = ParquetFileReader.open(
                    HadoopInputFile.fromPath(new org.apache.hadoop.fs.Path(f.toUri()), new Configuration()))) {
                for (BlockMetaData rowGroup : reader.getFooter().getBlocks()) {
                    for (ColumnChunkMetaData chunk : rowGroup.getColumns()) {
                        chunks++;
                        assertFalse(chunk.hasDictionaryPage(), f + ": column " + chunk.getPath() + " has a dictionary page");
                        assertFalse(chunk.getEncodings().contains(Encoding.PLAIN_DICTIONARY)
                                || chunk.getEncodings().contains(Encoding.RLE_DICTIONARY),
                                f + ": column " + chunk.getPath() + " is dictionary-encoded: " + chunk.getEncodings());
                    }
                }
            }
        }
        assertTrue(chunks > 0, "column chunks read");

        // the old path: the scorer's own blocks, before any Parquet, on the features read back
        SparkSession spark = SharedSpark.session();
        AnalysisConfig config = AnalysisAction.parser(spark).parse(a.config());
        ScoringPlan plan = ScoringPlan.of(config, new HadoopFileAccess(spark.sparkContext().hadoopConfiguration()));
        ScoringPlan.Scorer scorer = plan.newScorer("reference sample", List.of("ref"));
        String[] features = plan.features();
        int events = 0;
        float distinct = Float.NaN;
        boolean varies = false;
        for (Row row : spark.read().parquet(reference.toString()).collectAsList()) {
            EventBlock stored = EventBlockRows.fromRow(row, features);
            EventBlock again = scorer.score(new EventBlock(stored.blockId(), stored.features(), stored.weights(),
                    java.util.Map.of()));
            for (String column : plan.columnNames()) {
                assertArrayEquals(again.columns().get(column), stored.columns().get(column),
                        "block " + stored.blockId() + ", column " + column);
            }
            float[] s = stored.columns().get(ScoredColumns.process("S"));
            for (float v : s) {
                varies |= !Float.isNaN(distinct) && v != distinct;
                distinct = v;
            }
            events += stored.size();
        }
        assertEquals(TinyAnalysis.REFERENCE_EVENTS, events);
        assertTrue(varies, "the S ratio varies from event to event");
    }
}
