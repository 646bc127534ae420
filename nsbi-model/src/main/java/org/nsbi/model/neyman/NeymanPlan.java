package org.nsbi.model.neyman;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.nsbi.model.provenance.BuildInfo;
import org.nsbi.stats.fit.ProfileFitter;
import org.nsbi.stats.model.EventTable;
import org.nsbi.stats.model.MixtureModel;
import org.nsbi.stats.model.Process;

/**
 * What a Neyman run's toys depend on, as text: the streams (purpose, seed, how a toy's stream is keyed), the
 * model (with the nuisance parameters' bounds), the fitter's settings, the build (version and git commit) and the
 * version of the code ({@link CodeVersion})
 * and the lines of the reference sample (its SHA-256, how toys are drawn from it). Checkpoints are reused only under the same text, so a resumed run gives the
 * toys an uninterrupted one would. The grid and the toys per point are not in it: a toy depends on its &mu; value and
 * index only, so a run with more points or more toys reuses the blocks it shares with an earlier one; each point's
 * true nuisance parameters are checked per point ({@link ToyCheckpoints#admitPoints}).
 */
public final class NeymanPlan {

    /** The version of the toy code per package of the jobs that run it ({@link #code}), computed once. */
    private static final Map<Class<?>, String> CODE = new ConcurrentHashMap<>();

    /** The build of the code: nsbi-spark's version and the git commit it was built from ({@link BuildInfo}). */
    private static final String BUILD = "nsbi-spark " + BuildInfo.version() + " commit " + BuildInfo.buildCommit();

    private NeymanPlan() {
    }

    /**
     * The plan lines of the code that fits toys and experiments: its build (version and git commit), the fitter's
     * settings and the version of the toy code's classes ({@link CodeVersion}): the fits and samplers (nsbi-stats), the
     * toy tasks, their workload and block files (this package) and the jobs in the package of {@code jobs}, which run
     * them; a resume across a change of any is refused naming it.
     */
    public static String code(Class<?> jobs) {
        String version = CODE.computeIfAbsent(jobs, j -> CodeVersion.of(
                List.of("org/nsbi/stats/", "org/nsbi/model/neyman/", j.getPackageName().replace('.', '/') + "/"),
                ProfileFitter.class, ToyWorkload.class, j));
        return "build " + BUILD + "\nfitter " + ProfileFitter.withDefaults().settings() + "\ncode " + version + "\n";
    }

    /** The inputs of each grid point that its toys depend on besides the plan: its true nuisance parameters. */
    public static List<String> pointInputs(double[] muGrid, double[][] alphaTrue) {
        List<String> inputs = new java.util.ArrayList<>();
        for (int m = 0; m < muGrid.length; m++) {
            inputs.add("mu " + muGrid[m] + " alpha_true " + Arrays.toString(alphaTrue[m]));
        }
        return inputs;
    }

    /**
     * The plan of a run's toys.
     *
     * @param code      {@link #code} of the jobs that compute them
     * @param reference the lines of the reference sample the toys are drawn from and of how they are drawn
     */
    public static String describe(String purpose, long seed, MixtureModel model, String code, String reference) {
        StringBuilder b = new StringBuilder();
        b.append("purpose ").append(purpose).append('\n');
        b.append("seed ").append(seed).append('\n');
        b.append("model ").append(model).append('\n');
        b.append(code);
        for (Process p : model.processes()) {
            b.append("process ").append(p.name()).append(" kappa_up ").append(Arrays.toString(p.kappaUp()))
                    .append(" kappa_down ").append(Arrays.toString(p.kappaDown()))
                    .append(" shape ").append(Arrays.toString(p.shape())).append('\n');
        }
        b.append(reference);
        return b.toString();
    }

    /**
     * SHA-256 over every weight, ratio and shape ratio of the table, in event order: per event its weight, then per process
     * its ratio and the up and down ratios of each of its shape effects, as big-endian floats. The bytes go to the digest in
     * blocks of many events (one update per event cost about as much as the hashing itself: 10&#8310; events, 0.1 s).
     */
    public static String sha256(EventTable t, int nuisances) {
        MessageDigest d;
        try {
            d = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM has no SHA-256", e);
        }
        int perEvent = 4 * (1 + t.processCount() * (1 + 2 * nuisances));
        ByteBuffer buf = ByteBuffer.allocate(Math.max(1 << 16, perEvent));
        for (int i = 0; i < t.size(); i++) {
            if (buf.remaining() < perEvent) {
                d.update(buf.array(), 0, buf.position());
                buf.clear();
            }
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
        }
        d.update(buf.array(), 0, buf.position());
        return HexFormat.of().formatHex(d.digest());
    }
}
