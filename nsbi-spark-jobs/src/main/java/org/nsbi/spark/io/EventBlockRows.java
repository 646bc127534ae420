package org.nsbi.spark.io;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.nsbi.model.ratio.EventBlock;
import org.nsbi.model.ratio.FeatureBlock;

/**
 * {@link EventBlock}s as they travel through Spark and sit in Parquet: one row per block of events, one
 * {@code array<float>} column per feature, the event weights, and (for scored tables) one column per ratio.
 *
 * <p>Schema: {@code block: long, n: int, <feature>...: array<float>, weight: array<float>,
 * <ratio column>...: array<float>}.
 */
public final class EventBlockRows {

    public static final String BLOCK = "block";
    public static final String SIZE = "n";
    public static final String WEIGHT = "weight";

    private EventBlockRows() {
    }

    /** The schema of a block table with these features and extra columns (in this order). */
    public static StructType schema(String[] featureNames, List<String> columnNames) {
        List<StructField> fields = new ArrayList<>();
        fields.add(DataTypes.createStructField(BLOCK, DataTypes.LongType, false));
        fields.add(DataTypes.createStructField(SIZE, DataTypes.IntegerType, false));
        for (String f : featureNames) {
            fields.add(floatArray(f));
        }
        fields.add(floatArray(WEIGHT));
        for (String c : columnNames) {
            fields.add(floatArray(c));
        }
        return DataTypes.createStructType(fields);
    }

    private static StructField floatArray(String name) {
        return DataTypes.createStructField(name, DataTypes.createArrayType(DataTypes.FloatType, false), false);
    }

    /** The block as a row of {@link #schema}, columns in the map's order. */
    public static Row toRow(EventBlock block) {
        int nf = block.features().width();
        Object[] values = new Object[3 + nf + block.columns().size()];
        values[0] = block.blockId();
        values[1] = block.size();
        for (int f = 0; f < nf; f++) {
            values[2 + f] = block.featureColumn(f);
        }
        values[2 + nf] = block.weights();
        int k = 3 + nf;
        for (float[] c : block.columns().values()) {
            values[k++] = c;
        }
        return RowFactory.create(values);
    }

    /** Reads a block row of a table whose schema has these features; every other array column is kept. */
    public static EventBlock fromRow(Row row, String[] featureNames) {
        StructType schema = row.schema();
        long id = row.getLong(schema.fieldIndex(BLOCK));
        int n = row.getInt(schema.fieldIndex(SIZE));
        int nf = featureNames.length;
        float[] values = new float[n * nf];
        for (int f = 0; f < nf; f++) {
            float[] column = floats(row, schema.fieldIndex(featureNames[f]), n, featureNames[f], id);
            for (int i = 0; i < n; i++) {
                values[i * nf + f] = column[i];
            }
        }
        float[] weights = floats(row, schema.fieldIndex(WEIGHT), n, WEIGHT, id);
        Map<String, float[]> columns = new LinkedHashMap<>();
        Set<String> known = new HashSet<>(List.of(featureNames));
        for (StructField field : schema.fields()) {
            String name = field.name();
            if (name.equals(BLOCK) || name.equals(SIZE) || name.equals(WEIGHT) || known.contains(name)) {
                continue;
            }
            columns.put(name, floats(row, schema.fieldIndex(name), n, name, id));
        }
        return new EventBlock(id, new FeatureBlock(featureNames.clone(), n, values), weights, columns);
    }

    private static float[] floats(Row row, int index, int n, String name, long block) {
        List<Object> list = row.getList(index);
        if (list.size() != n) {
            throw new IllegalArgumentException("block " + block + ": column " + name + " has " + list.size()
                    + " values; expected n = " + n);
        }
        float[] out = new float[n];
        for (int i = 0; i < n; i++) {
            out[i] = ((Number) list.get(i)).floatValue();
        }
        return out;
    }
}
