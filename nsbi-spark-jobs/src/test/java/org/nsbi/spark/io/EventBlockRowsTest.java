package org.nsbi.spark.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nsbi.model.ratio.EventBlock;
import org.nsbi.model.ratio.FeatureBlock;
import org.nsbi.spark.SharedSpark;

class EventBlockRowsTest {

    private static final String[] FEATURES = {"m", "c", "y"};

    @TempDir
    Path dir;

    @Test
    void roundTripsThroughParquetExactly() {
        SparkSession spark = SharedSpark.session();
        float[] v = {300f, -0.5f, 0.1f, 450.25f, 0.75f, -2f};
        Map<String, float[]> cols = new LinkedHashMap<>();
        cols.put("r_S", new float[] {1.5f, 0.25f});
        EventBlock original = new EventBlock(7, new FeatureBlock(FEATURES, 2, v), new float[] {0.5f, 0.5f}, cols);
        String path = dir.resolve("blocks").toString();
        spark.createDataFrame(List.of(EventBlockRows.toRow(original)), EventBlockRows.schema(FEATURES, List.of("r_S")))
                .write().parquet(path);
        List<Row> rows = spark.read().parquet(path).collectAsList();
        assertEquals(1, rows.size());
        EventBlock back = EventBlockRows.fromRow(rows.get(0), FEATURES);
        assertEquals(7, back.blockId());
        assertArrayEquals(original.features().values(), back.features().values(), 0f);
        assertArrayEquals(original.weights(), back.weights(), 0f);
        assertArrayEquals(original.columns().get("r_S"), back.columns().get("r_S"), 0f);
        assertEquals(List.of("r_S"), List.copyOf(back.columns().keySet()));
    }
}
