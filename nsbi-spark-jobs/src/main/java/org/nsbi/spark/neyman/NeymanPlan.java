package org.nsbi.spark.neyman;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import org.nsbi.model.neyman.CodeVersion;
import org.nsbi.model.neyman.ToyWorkload;
import org.nsbi.spark.provenance.BuildInfo;
import org.nsbi.stats.fit.ProfileFitter;
import org.nsbi.stats.model.EventTable;
import org.nsbi.stats.model.MixtureModel;
import org.nsbi.stats.model.Process;

/**
 * What a Neyman run's toys depend on, as text: the streams (purpose, seed, how a toy's stream is keyed), the
 * model (with the nuisance parameters' bounds), the fitter's settings, the build (version and git commit) and the
 * version of the code ({@link CodeVersion})
 * and a SHA-256 of the reference sample. Checkpoints are reused only under the same text, so a resumed run gives the
 * toys an uninterrupted one would. The grid and the toys per point are not in it: a toy depends on its &mu; value and
 * index only, so a run with more points or more toys reuses the blocks it shares with an earlier one; each point's
 * true nuisance parameters are checked per point ({@link ToyCheckpoints#admitPoints}).
 */
public final class NeymanPlan {

    /**
     * The code that computes the toys: the fits and samplers (nsbi-stats), the toy tasks, their workload and block files
     * (nsbi-model's {@code neyman}) and the jobs (here), see {@link CodeVersion}.
     */
    private static final String CODE = CodeVersion.of(
            java.util.List.of("org/nsbi/stats/", "org/nsbi/model/neyman/", "org/nsbi/spark/neyman/"),
            ProfileFitter.class, ToyWorkload.class, NeymanPlan.class);

    /** How a toy's random stream is keyed, recorded in the plan (a change of scheme refuses old checkpoints). */
    static final String STREAMS = "toy i at mu draws from ToyRandom.of(seed, purpose, muKey(mu), i);"
            + " muKey = IEEE bits of mu rounded to " + org.nsbi.stats.random.ToyRandom.MU_DIGITS + " significant digits;"
            + " checkpoints per (mu value, round, block of toys)";

    /** How a toy's streams are keyed on the distributed path ({@link ToyReference#distributed}). */
    static final String DISTRIBUTED_STREAMS = "toy i at mu draws N_p events from each reference block p with"
            + " ToyRandom.of(seed, purpose-part, muKey(mu), i, key_p) and its aux with ToyRandom.of(seed, purpose-aux,"
            + " muKey(mu), i) (PartitionedToys); checkpoints per (mu value, round, block of toys)";

    /** The build of the code: nsbi-spark's version and the git commit it was built from ({@link BuildInfo}). */
    private static final String BUILD = "nsbi-spark " + BuildInfo.version() + " commit " + BuildInfo.buildCommit();

    private NeymanPlan() {
    }

    /**
     * The plan lines of the code that fits toys and experiments: its build (version and git commit), the fitter's
     * settings and the version of the toy code's classes; a resume across a change of any is refused naming it.
     */
    public static String code() {
        return "build " + BUILD + "\nfitter " + ProfileFitter.withDefaults().settings() + "\ncode " + CODE + "\n";
    }

    /** The inputs of each grid point that its toys depend on besides the plan: its true nuisance parameters. */
    static java.util.List<String> pointInputs(NeymanJob.Settings s) {
        java.util.List<String> inputs = new java.util.ArrayList<>();
        for (int m = 0; m < s.muGrid().length; m++) {
            inputs.add("mu " + s.muGrid()[m] + " alpha_true " + Arrays.toString(s.alphaTrue()[m]));
        }
        return inputs;
    }

    static String describe(MixtureModel model, EventTable reference, NeymanJob.Settings s) {
        return describe(model, ToyReference.whole(reference, null), s);
    }

    static String describe(MixtureModel model, ToyReference reference, NeymanJob.Settings s) {
        StringBuilder b = new StringBuilder();
        b.append("purpose ").append(s.purpose()).append('\n');
        b.append("seed ").append(s.seed()).append('\n');
        b.append("model ").append(model).append('\n');
        b.append(code());
        for (Process p : model.processes()) {
            b.append("process ").append(p.name()).append(" kappa_up ").append(Arrays.toString(p.kappaUp()))
                    .append(" kappa_down ").append(Arrays.toString(p.kappaDown()))
                    .append(" shape ").append(Arrays.toString(p.shape())).append('\n');
        }
        b.append(reference.planLines(model));
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
