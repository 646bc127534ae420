package org.nsbi.model.neyman;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;
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

    /** Events per block of {@link #sha256}: each block is hashed on its own, then the blocks' digests in order. */
    public static final int HASH_BLOCK = 1 << 16;

    /** Events copied and converted at a time within a block of {@link #sha256}. */
    private static final int HASH_BATCH = 1024;

    private static final VarHandle BIG_ENDIAN_INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);

    /**
     * The reference sample's hash, on the threads of the common pool: {@link #sha256(EventTable, int, boolean)} in
     * parallel.
     */
    public static String sha256(EventTable t, int nuisances) {
        return sha256(t, nuisances, true);
    }

    /**
     * SHA-256 over every weight, ratio and shape ratio of the table, in event order, as a tree of two levels: the events
     * in blocks of {@value #HASH_BLOCK}, each block's bytes hashed on its own (per event its weight, then per process its
     * ratio and the up and down ratios of each of its shape effects, as big-endian floats), then the event count and the
     * blocks' digests in block order. The blocks are fixed by the event count alone, so the hash is the same on any number
     * of threads; with {@code parallel} they are hashed on the common pool's threads besides this one (10&#8310; events of
     * the off-shell toy, 57 MB: one thread about 48 ms; SHA-256 itself is about 30 ms of it).
     */
    public static String sha256(EventTable t, int nuisances, boolean parallel) {
        int[] hashed = hashedOffsets(t, nuisances);
        int blocks = (t.size() + HASH_BLOCK - 1) / HASH_BLOCK;
        byte[][] digests = new byte[blocks][];
        IntStream each = IntStream.range(0, blocks);
        (parallel ? each.parallel() : each).forEach(b -> digests[b] = blockDigest(t, hashed, b));
        MessageDigest d = sha256();
        d.update(ByteBuffer.allocate(Long.BYTES).putLong(t.size()).array());
        for (byte[] digest : digests) {
            d.update(digest);
        }
        return HexFormat.of().formatHex(d.digest());
    }

    /** The offsets in a row of the values hashed per event, in hash order: w, then per process r_c and its shapes' up, down. */
    private static int[] hashedOffsets(EventTable t, int nuisances) {
        List<Integer> offsets = new java.util.ArrayList<>();
        offsets.add(0);
        for (int c = 0; c < t.processCount(); c++) {
            offsets.add(t.ratioOffset(c));
            for (int k = 0; k < nuisances; k++) {
                if (t.hasShape(c, k)) {
                    offsets.add(t.shapeOffset(c, k));
                    offsets.add(t.shapeOffset(c, k) + 1);
                }
            }
        }
        return offsets.stream().mapToInt(Integer::intValue).toArray();
    }

    /** The SHA-256 of block {@code b}'s hashed values, as big-endian floats. */
    private static byte[] blockDigest(EventTable t, int[] hashed, int b) {
        MessageDigest d = sha256();
        int stride = t.stride();
        float[] rows = new float[HASH_BATCH * stride];
        byte[] bytes = new byte[HASH_BATCH * hashed.length * Float.BYTES];
        int end = Math.min(t.size(), (b + 1) * HASH_BLOCK);
        for (int from = b * HASH_BLOCK; from < end; from += HASH_BATCH) {
            int n = Math.min(HASH_BATCH, end - from);
            t.copyRange(from, n, rows);
            int at = 0;
            for (int i = 0; i < n; i++) {
                int row = i * stride;
                for (int o : hashed) {
                    BIG_ENDIAN_INT.set(bytes, at, Float.floatToRawIntBits(rows[row + o]));
                    at += Float.BYTES;
                }
            }
            d.update(bytes, 0, at);
        }
        return d.digest();
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM has no SHA-256", e);
        }
    }
}
