package org.nsbi.model.neyman;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nsbi.stats.expr.Coefficient;
import org.nsbi.stats.model.EventTable;
import org.nsbi.stats.model.MixtureModel;
import org.nsbi.stats.model.Process;

/** The reference sample's hash in the plan: the digest of its blocks' digests of the events' bytes, on any number of threads. */
class NeymanPlanHashTest {

    /**
     * The plain form: per block of {@link NeymanPlan#HASH_BLOCK} events one digest, updated once per event with its
     * values read one by one; then one digest of the event count and the blocks' digests in order.
     */
    private static String plain(EventTable t, int nuisances) throws Exception {
        MessageDigest tree = MessageDigest.getInstance("SHA-256");
        tree.update(ByteBuffer.allocate(8).putLong(t.size()).array());
        ByteBuffer buf = ByteBuffer.allocate(4 * (1 + t.processCount() * (1 + 2 * nuisances)));
        for (int from = 0; from < t.size(); from += NeymanPlan.HASH_BLOCK) {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            for (int i = from; i < Math.min(t.size(), from + NeymanPlan.HASH_BLOCK); i++) {
                buf.clear();
                buf.putFloat(t.weight(i));
                for (int c = 0; c < t.processCount(); c++) {
                    buf.putFloat(t.ratio(c, i));
                    for (int k = 0; k < nuisances; k++) {
                        if (t.hasShape(c, k)) {
                            buf.putFloat(t.up(c, k, i));
                            buf.putFloat(t.down(c, k, i));
                        }
                    }
                }
                d.update(buf.array(), 0, buf.position());
            }
            tree.update(d.digest());
        }
        return HexFormat.of().formatHex(tree.digest());
    }

    static EventTable table(int n, long seed) {
        return table(n, seed, -1);
    }

    /** Two processes, two nuisance parameters: S with a shape effect of a, B with shape effects of a and b. */
    static MixtureModel model() {
        return MixtureModel.of(List.of(
                new Process("S", 5, Coefficient.parse("mu"), new double[] {1.1, 1}, new double[] {0.9, 1}, new boolean[] {true, false}),
                new Process("B", 50, Coefficient.parse("1"), new double[] {1, 1.2}, new double[] {1, 0.8}, new boolean[] {true, true})),
                List.of("a", "b"), "mu", 0, 5);
    }

    /** A table of {@code n} random events; with {@code changed} &ge; 0 that event's last shape ratio is raised a little. */
    private static EventTable table(int n, long seed, int changed) {
        MixtureModel model = model();
        Random r = new Random(seed);
        float[] w = new float[n];
        float[][] ratio = new float[2][n];
        float[][][] up = new float[2][2][];
        float[][][] down = new float[2][2][];
        up[0][0] = new float[n];
        down[0][0] = new float[n];
        up[1][0] = new float[n];
        down[1][0] = new float[n];
        up[1][1] = new float[n];
        down[1][1] = new float[n];
        for (int i = 0; i < n; i++) {
            w[i] = r.nextFloat();
            ratio[0][i] = r.nextFloat();
            ratio[1][i] = r.nextFloat();
            for (float[][] a : new float[][][] {up[0], down[0], up[1], down[1]}) {
                for (float[] column : a) {
                    if (column != null) {
                        column[i] = 0.5f + r.nextFloat();
                    }
                }
            }
        }
        if (changed >= 0) {
            down[1][1][changed] = Math.nextUp(down[1][1][changed]);
        }
        return EventTable.of(model, w, ratio, up, down);
    }

    /**
     * Sizes below, at and across a block of events and the hash's batches of events within a block, in parallel and on
     * this thread alone.
     */
    @Test
    void theHashIsTheTreeOfTheBlocksDigestsOfTheEventsBytesInOrderOnAnyNumberOfThreads() throws Exception {
        int block = NeymanPlan.HASH_BLOCK;
        for (int n : new int[] {0, 1, 1023, 1025, block, block + 1, 2 * block + 5000}) {
            EventTable t = table(n, n);
            String expected = plain(t, 2);
            assertEquals(expected, NeymanPlan.sha256(t, 2), n + " events, in parallel");
            assertEquals(expected, NeymanPlan.sha256(t, 2, false), n + " events, on this thread");
        }
    }

    /** Every event counts: one shape ratio of the last event changed, or one event fewer, changes the hash. */
    @Test
    void theLastEventsValuesAndTheEventCountAreInTheHash() {
        int n = 2 * NeymanPlan.HASH_BLOCK + 7;
        String hash = NeymanPlan.sha256(table(n, 1), 2);
        assertNotEquals(hash, NeymanPlan.sha256(table(n, 1, n - 1), 2), "the last event's down ratio of process B under b");
        assertNotEquals(hash, NeymanPlan.sha256(table(n - 1, 1), 2), "one event fewer");
    }
}
