package org.nsbi.spark.score;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.nsbi.model.ratio.EventBlock;
import org.nsbi.model.score.ScoredColumns;
import org.nsbi.spark.io.EventBlockRows;
import org.nsbi.stats.model.MixtureModel;

/**
 * The load {@link ScoredTable} replaced, kept as the reference it is tested against: every block collected to the
 * driver as a Row (each value boxed), decoded there, and the whole table sorted in one piece; the table is then
 * assembled from the sorted columns as the load does it ({@link ScoredTable#assemble}).
 */
final class RowByRowScoredTable {

    private RowByRowScoredTable() {
    }

    static ScoredTable.Loaded load(SparkSession spark, String path, String[] features, MixtureModel model,
                                   double[] ratioScale) {
        List<Row> rows = spark.read().parquet(path).collectAsList();
        List<EventBlock> blocks = new ArrayList<>(rows.size());
        int n = 0;
        for (Row r : rows) {
            EventBlock b = EventBlockRows.fromRow(r, features);
            blocks.add(b);
            n += b.size();
        }
        List<String> columns = ScoredColumns.of(model);
        int nf = features.length;
        int width = nf + 1 + columns.size();
        float[][] flat = new float[width][n];
        int at = 0;
        for (EventBlock b : blocks) {
            for (int f = 0; f < nf; f++) {
                System.arraycopy(b.featureColumn(f), 0, flat[f], at, b.size());
            }
            System.arraycopy(b.weights(), 0, flat[nf], at, b.size());
            for (int x = 0; x < columns.size(); x++) {
                System.arraycopy(b.columns().get(columns.get(x)), 0, flat[nf + 1 + x], at, b.size());
            }
            at += b.size();
        }
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (i, j) -> {
            for (float[] column : flat) {
                int c = Float.compare(column[i], column[j]);
                if (c != 0) {
                    return c;
                }
            }
            return 0;
        });
        float[][] sorted = new float[width][n];
        for (int x = 0; x < width; x++) {
            for (int i = 0; i < n; i++) {
                sorted[x][i] = flat[x][order[i]];
            }
        }
        return ScoredTable.assemble(sorted, nf, model, ratioScale);
    }
}
