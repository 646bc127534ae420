package org.nsbi.model.neyman;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.nsbi.stats.toys.ToyOutcome;

/**
 * The bytes of one finished block of toys, as kept in a run's checkpoints: every field of every
 * {@link ToyOutcome} in binary, so a block read back is bit-identical to the one computed. The
 * header names the block, so a file under the wrong name is detected. A block keyed by its &mu; value is
 * recognised by the value, whatever its index was when it was computed, and read back at the index it has now.
 *
 * <p>Layout: magic {@code NSBITOY3}, muIndex, mu, fromToy, toToy, then per toy muIndex, muTrue, toy, t,
 * muHat, number of alphas and the alphas, converged, failure (present flag, length and UTF-8 bytes), nPe,
 * failure reason (likewise), at bound. (Files of an earlier layout, {@code NSBITOY1} or {@code NSBITOY2}, are refused.)
 */
public final class ToyBlockFile {

    private static final long MAGIC = 0x4e53424954_4f5933L; // "NSBITOY3"

    private ToyBlockFile() {
    }

    public static byte[] encode(ToyBlockTask block, List<ToyOutcome> outcomes) {
        if (outcomes.size() != block.toys()) {
            throw new IllegalArgumentException(outcomes.size() + " outcomes for block " + block + " of " + block.toys() + " toys");
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 * outcomes.size() + 32);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeLong(MAGIC);
            out.writeInt(block.muIndex());
            out.writeDouble(block.mu());
            out.writeInt(block.fromToy());
            out.writeInt(block.toToy());
            for (ToyOutcome o : outcomes) {
                out.writeInt(o.muIndex());
                out.writeDouble(o.muTrue());
                out.writeInt(o.toyIndex());
                out.writeDouble(o.t());
                out.writeDouble(o.muHat());
                out.writeInt(o.alphaHat().length);
                for (double a : o.alphaHat()) {
                    out.writeDouble(a);
                }
                out.writeBoolean(o.converged());
                writeText(out, o.failure());
                out.writeLong(o.nPe());
                writeText(out, o.failureReason());
                out.writeBoolean(o.atBound());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** A nullable text: a present flag, then the length and the UTF-8 bytes. */
    private static void writeText(DataOutputStream out, String text) throws IOException {
        out.writeBoolean(text != null);
        if (text != null) {
            byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            out.writeInt(bytes.length);
            out.write(bytes);
        }
    }

    private static String readText(DataInputStream in) throws IOException {
        if (!in.readBoolean()) {
            return null;
        }
        byte[] bytes = new byte[in.readInt()];
        in.readFully(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /**
     * Reads a block back.
     *
     * @param source the file's name, for messages
     * @throws IllegalStateException when the bytes are not a block file of {@code block}
     */
    public static List<ToyOutcome> decode(ToyBlockTask block, byte[] data, String source) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(data))) {
            if (in.readLong() != MAGIC) {
                throw new IllegalStateException(source + " is not a toy block checkpoint (bad magic)");
            }
            ToyBlockTask stored = new ToyBlockTask(in.readInt(), in.readDouble(), in.readInt(), in.readInt());
            if (!(block.keyedByValue() ? stored.atIndex(block.muIndex()) : stored).equals(block)) {
                throw new IllegalStateException(source + " holds " + stored + ", expected " + block);
            }
            List<ToyOutcome> outcomes = new ArrayList<>(block.toys());
            for (int i = 0; i < block.toys(); i++) {
                in.readInt(); // the index the toy had when it was computed; it has block.muIndex() now
                double muTrue = in.readDouble();
                int toy = in.readInt();
                double t = in.readDouble();
                double muHat = in.readDouble();
                double[] alpha = new double[in.readInt()];
                for (int k = 0; k < alpha.length; k++) {
                    alpha[k] = in.readDouble();
                }
                boolean converged = in.readBoolean();
                String failure = readText(in);
                long nPe = in.readLong();
                outcomes.add(new ToyOutcome(block.muIndex(), muTrue, toy, t, muHat, alpha, converged, failure, nPe, readText(in),
                        in.readBoolean()));
            }
            if (in.available() != 0) {
                throw new IllegalStateException(source + " has " + in.available() + " bytes after its last toy");
            }
            return outcomes;
        } catch (IOException e) {
            throw new IllegalStateException(source + " is truncated or unreadable as a toy block checkpoint: " + e, e);
        }
    }
}
