package org.nsbi.model.neyman;

import static org.junit.jupiter.api.Assertions.assertEquals;

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

/** The reference sample's hash in the plan: the digest of the bytes it always hashed, whatever the blocks it feeds them in. */
class NeymanPlanHashTest {

    /** The plain form: one digest update per event, as the plan's hash was first written. */
    private static String perEvent(EventTable t, int nuisances) throws Exception {
        MessageDigest d = MessageDigest.getInstance("SHA-256");
        ByteBuffer buf = ByteBuffer.allocate(4 * (1 + t.processCount() * (1 + 2 * nuisances)));
        for (int i = 0; i < t.size(); i++) {
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
        return HexFormat.of().formatHex(d.digest());
    }

    private static EventTable table(int n, long seed) {
        MixtureModel model = MixtureModel.of(List.of(
                new Process("S", 5, Coefficient.parse("mu"), new double[] {1.1, 1}, new double[] {0.9, 1}, new boolean[] {true, false}),
                new Process("B", 50, Coefficient.parse("1"), new double[] {1, 1.2}, new double[] {1, 0.8}, new boolean[] {true, true})),
                List.of("a", "b"), "mu", 0, 5);
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
        return EventTable.of(model, w, ratio, up, down);
    }

    /** Sizes below, at and across the digest's blocks of events (65,536 bytes: 1,820 events of 36 bytes here). */
    @Test
    void theHashIsTheDigestOfTheEventsBytesInOrder() throws Exception {
        for (int n : new int[] {0, 1, 1820, 1821, 5000}) {
            EventTable t = table(n, n);
            assertEquals(perEvent(t, 2), NeymanPlan.sha256(t, 2), n + " events");
        }
    }
}
