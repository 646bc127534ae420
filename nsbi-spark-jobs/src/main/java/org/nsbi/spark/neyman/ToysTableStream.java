package org.nsbi.spark.neyman;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.nsbi.model.neyman.ToyBlockFile;
import org.nsbi.model.neyman.ToyBlockTask;
import org.nsbi.spark.io.DriverParquet;
import org.nsbi.stats.toys.ToyOutcome;

/**
 * The toys table written while the toys run, on a local master: the tasks (in this JVM) hand over each block's
 * checkpoint bytes as soon as its file is written ({@link #offer}, on the tasks' checkpoint writer threads), and the
 * rows of the blocks are written in plan order as soon as the blocks before them are in, so that when the last block is
 * in, the table needs only its footer ({@link #finish}) instead of a write of every row after the toys (the driver's
 * serial end of the toys, 0.05 s warm and 0.4 s in a cold JVM for 10,200 toys, while the other cores idle). The rows
 * are those {@link ToysTable#write} makes of the same outcomes (the bytes decoded as {@code NeymanJob} decodes them,
 * toys beyond each point's target left out), so the file is the same. A stream that could not write a block stops
 * writing and keeps the error; the run then writes the table after the toys as before ({@link #finish} says whether the
 * table is complete).
 */
final class ToysTableStream implements AutoCloseable {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ToysTableStream.class);

    private final List<ToyBlockTask> plan;
    private final int[] target;
    private final String path;
    private final Configuration conf;
    private final Map<ToyBlockTask, byte[]> waiting = new HashMap<>();
    private final List<ToyOutcome> outcomes = new ArrayList<>();
    private DriverParquet.Writer writer;
    private int next;
    private RuntimeException failed;
    private boolean ended;

    /**
     * A stream of the table at {@code path} (a folder that does not exist yet) of the blocks {@code plan}, in plan order,
     * toy i of point m kept if i &lt; {@code target[m]}. The file is opened with the first block.
     */
    ToysTableStream(List<ToyBlockTask> plan, int[] target, String path, Configuration conf) {
        this.plan = List.copyOf(plan);
        this.target = target.clone();
        this.path = path;
        this.conf = conf;
    }

    /** A finished block's checkpoint bytes; its rows are written once every block before it in plan order is in. */
    synchronized void offer(ToyBlockTask block, byte[] bytes) {
        if (ended || failed != null) {
            return;
        }
        try {
            waiting.put(block, bytes);
            while (next < plan.size() && waiting.containsKey(plan.get(next))) {
                ToyBlockTask t = plan.get(next);
                if (writer == null) {
                    writer = DriverParquet.open(ToysTable.SCHEMA, path, conf);
                }
                for (ToyOutcome o : ToyBlockFile.decode(t, waiting.remove(t), ToyCheckpoints.fileName(t))) {
                    if (o.toyIndex() < target[t.muIndex()]) {
                        writer.write(ToysTable.toRow(o));
                        outcomes.add(o);
                    }
                }
                next++;
            }
        } catch (RuntimeException e) {
            failed = e;
            LOG.debug("neyman: the toys table could not be written while the toys ran; it is written after them", e);
        }
    }

    /** Whether every block of the plan is in and written (the table then needs only {@link #finish}). */
    synchronized boolean complete() {
        return !ended && failed == null && next == plan.size() && writer != null;
    }

    /**
     * Completes the table if every block of the plan was written; else (a block missing, or a write failed) closes what
     * was opened, removes the folder and returns false, and the caller writes the table.
     */
    synchronized boolean finish() {
        if (complete()) {
            try {
                writer.finish();
                ended = true;
                return true;
            } catch (RuntimeException e) {
                LOG.debug("neyman: the toys table could not be completed; it is written after the toys", e);
            }
        }
        close();
        return false;
    }

    /** The outcomes written, in plan order (all of the plan's after a {@link #finish} that returned true). */
    synchronized List<ToyOutcome> outcomes() {
        return List.copyOf(outcomes);
    }

    /** Ends the stream: a table not completed by {@link #finish} is closed and its folder removed. */
    @Override
    public synchronized void close() {
        if (ended) {
            return;
        }
        ended = true;
        if (writer != null) {
            writer.close();
            try {
                org.apache.hadoop.fs.Path p = new org.apache.hadoop.fs.Path(path);
                p.getFileSystem(conf).delete(p, true);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException("cannot remove the incomplete toys table " + path + ": "
                        + e.getMessage(), e);
            }
        }
    }
}
