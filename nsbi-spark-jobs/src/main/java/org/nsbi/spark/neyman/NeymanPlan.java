package org.nsbi.spark.neyman;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import org.nsbi.stats.fit.ProfileFitter;
import org.nsbi.stats.model.EventTable;
import org.nsbi.stats.model.MixtureModel;
import org.nsbi.stats.model.Process;

/**
 * What a Neyman run's toys depend on, as text: the streams (purpose, seed), the grid and its nuisance
 * truths, the blocks, the model (with the nuisance parameters' bounds), the fitter's settings, the version of the
 * code ({@link CodeVersion}) and a SHA-256 of the reference sample. Checkpoints are reused only
 * under the same text, so a resumed run gives the toys an uninterrupted one would.
 */
public final class NeymanPlan {

    /** The code that computes the toys: the fits and samplers (nsbi-stats) and the jobs (here), see {@link CodeVersion}. */
    private static final String CODE = CodeVersion.of(ProfileFitter.class, NeymanPlan.class);

    private NeymanPlan() {
    }

    static String describe(MixtureModel model, EventTable reference, NeymanJob.Settings s) {
        StringBuilder b = new StringBuilder();
        b.append("purpose ").append(s.purpose()).append('\n');
        b.append("seed ").append(s.seed()).append('\n');
        b.append("mu_grid ").append(Arrays.toString(s.muGrid())).append('\n');
        b.append("alpha_true ").append(Arrays.deepToString(s.alphaTrue())).append('\n');
        b.append("toys_per_point ").append(s.toysPerPoint()).append('\n');
        b.append("toys_per_block ").append(s.toysPerBlock()).append('\n');
        b.append("model ").append(model).append('\n');
        b.append("fitter ").append(ProfileFitter.withDefaults().settings()).append('\n');
        b.append("code ").append(CODE).append('\n');
        for (Process p : model.processes()) {
            b.append("process ").append(p.name()).append(" kappa_up ").append(Arrays.toString(p.kappaUp()))
                    .append(" kappa_down ").append(Arrays.toString(p.kappaDown()))
                    .append(" shape ").append(Arrays.toString(p.shape())).append('\n');
        }
        b.append("reference ").append(reference.size()).append(" events sha256 ").append(sha256(reference, model.nuisanceCount())).append('\n');
        return b.toString();
    }

    /** SHA-256 over every weight, ratio and shape ratio of the table, in event order. */
    public static String sha256(EventTable t, int nuisances) {
        MessageDigest d;
        try {
            d = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM has no SHA-256", e);
        }
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
}
