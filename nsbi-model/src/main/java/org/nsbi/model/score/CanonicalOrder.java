package org.nsbi.model.score;

import java.util.Arrays;
import java.util.List;

/**
 * The canonical order of a scored table's events: by the first column ({@link Float#compare}), then the second, and
 * so on over every column (features, weight, ratio columns). Equal events are equal in every column, so the ordered
 * table does not depend on how its events were split into partitions or in which order the partitions came: sorting
 * each partition and merging the sorted partitions gives the same columns as sorting the whole table.
 *
 * <p>Columns are {@code float[column][event]}, every column the same length.
 */
public final class CanonicalOrder {

    private CanonicalOrder() {
    }

    /** The columns with their events in canonical order (new arrays; the given ones are left as they are). */
    public static float[][] sort(float[][] columns) {
        int n = events(columns);
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (i, j) -> compare(columns, i, columns, j));
        float[][] sorted = new float[columns.length][n];
        for (int x = 0; x < columns.length; x++) {
            float[] from = columns[x];
            float[] to = sorted[x];
            for (int i = 0; i < n; i++) {
                to[i] = from[order[i]];
            }
        }
        return sorted;
    }

    /**
     * The events of several tables, each in canonical order, merged into one table in canonical order.
     *
     * @param width the number of columns of every run (the merged table's, also when there is no run)
     */
    public static float[][] merge(List<float[][]> runs, int width) {
        int total = 0;
        int[] length = new int[runs.size()];
        for (int r = 0; r < runs.size(); r++) {
            float[][] run = runs.get(r);
            if (run.length != width) {
                throw new IllegalArgumentException(run.length + " columns in a run; expected " + width);
            }
            length[r] = events(run);
            total += length[r];
        }
        float[][] out = new float[width][total];
        int[] at = new int[runs.size()];
        // a binary min-heap of the runs that still have events, keyed by their next event
        int[] heap = new int[runs.size()];
        int size = 0;
        for (int r = 0; r < runs.size(); r++) {
            if (length[r] > 0) {
                heap[size++] = r;
                up(heap, size - 1, runs, at);
            }
        }
        for (int i = 0; i < total; i++) {
            int r = heap[0];
            float[][] run = runs.get(r);
            int e = at[r]++;
            for (int x = 0; x < width; x++) {
                out[x][i] = run[x][e];
            }
            if (at[r] == length[r]) {
                heap[0] = heap[--size];
            }
            down(heap, size, runs, at);
        }
        return out;
    }

    private static void up(int[] heap, int i, List<float[][]> runs, int[] at) {
        while (i > 0) {
            int parent = (i - 1) / 2;
            if (less(heap[parent], heap[i], runs, at)) {
                return;
            }
            swap(heap, i, parent);
            i = parent;
        }
    }

    private static void down(int[] heap, int size, List<float[][]> runs, int[] at) {
        int i = 0;
        while (true) {
            int smallest = i;
            int left = 2 * i + 1;
            if (left < size && less(heap[left], heap[smallest], runs, at)) {
                smallest = left;
            }
            if (left + 1 < size && less(heap[left + 1], heap[smallest], runs, at)) {
                smallest = left + 1;
            }
            if (smallest == i) {
                return;
            }
            swap(heap, i, smallest);
            i = smallest;
        }
    }

    /** Run a's next event before run b's (ties by run number, so the merge is the same on every call). */
    private static boolean less(int a, int b, List<float[][]> runs, int[] at) {
        int c = compare(runs.get(a), at[a], runs.get(b), at[b]);
        return c < 0 || c == 0 && a < b;
    }

    private static void swap(int[] heap, int i, int j) {
        int t = heap[i];
        heap[i] = heap[j];
        heap[j] = t;
    }

    /** Event i of table a against event j of table b, column by column. */
    public static int compare(float[][] a, int i, float[][] b, int j) {
        for (int x = 0; x < a.length; x++) {
            int c = Float.compare(a[x][i], b[x][j]);
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    private static int events(float[][] columns) {
        int n = columns.length == 0 ? 0 : columns[0].length;
        for (float[] column : columns) {
            if (column.length != n) {
                throw new IllegalArgumentException("columns of " + column.length + " and " + n + " events; expected"
                        + " one length");
            }
        }
        return n;
    }
}
