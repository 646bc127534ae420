package org.nsbi.spark.neyman;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.function.Function;
import org.nsbi.model.neyman.NeymanPlan;
import org.nsbi.model.output.AsimovClosure;
import org.nsbi.spark.distributed.DistributedEvents;
import org.nsbi.spark.distributed.Placement;
import org.nsbi.stats.likelihood.AsimovWeights;
import org.nsbi.stats.model.EventTable;
import org.nsbi.stats.model.MixtureModel;
import org.nsbi.stats.random.ToyRandom;

/**
 * The reference sample a Neyman construction draws its toys from, and where it is: whole in this JVM (the toys
 * run on a broadcast copy, {@link ToyBlockRunner}'s streams), or in content-keyed blocks on the executors (the
 * toys are drawn block by block and assembled by a shuffle, {@link org.nsbi.spark.distributed.DistributedToys}'s
 * streams). The two draw different toys from the same distribution; the plan names the path, so checkpoints of one
 * are never resumed by the other.
 */
public final class ToyReference {

    /** How a toy's random stream is keyed, recorded in the plan (a change of scheme refuses old checkpoints). */
    static final String STREAMS = "toy i at mu draws from ToyRandom.of(seed, purpose, muKey(mu), i);"
            + " muKey = IEEE bits of mu rounded to " + ToyRandom.MU_DIGITS + " significant digits;"
            + " checkpoints per (mu value, round, block of toys)";

    /** How a toy's streams are keyed on the distributed path ({@link #distributed}). */
    static final String DISTRIBUTED_STREAMS = "toy i at mu draws N_p events from each reference block p with"
            + " ToyRandom.of(seed, purpose-part, muKey(mu), i, key_p) and its aux with ToyRandom.of(seed, purpose-aux,"
            + " muKey(mu), i) (PartitionedToys); checkpoints per (mu value, round, block of toys)";

    private final EventTable table;
    private final DistributedEvents blocks;
    private final Placement placement;

    private ToyReference(EventTable table, DistributedEvents blocks, Placement placement) {
        this.table = table;
        this.blocks = blocks;
        this.placement = placement;
    }

    /** A reference sample held here, its toys from a broadcast copy. */
    public static ToyReference whole(EventTable table, Placement placement) {
        return new ToyReference(table, null, placement);
    }

    /** A reference sample in blocks on the executors, its toys drawn there. */
    public static ToyReference distributed(DistributedEvents blocks, Placement placement) {
        return new ToyReference(null, blocks, placement);
    }

    /** The table held here, or null on the distributed path. */
    public EventTable table() {
        return table;
    }

    /** The blocks on the executors, or null when the table is held here. */
    public DistributedEvents blocks() {
        return blocks;
    }

    /** Where the reference sample is, and why. */
    public Placement placement() {
        return placement;
    }

    /** The number of events. */
    public long events() {
        return table != null ? table.size() : placement.events();
    }

    /** The Asimov closure &Sigma;w_A / &nu; at each grid point, computed where the events are. */
    List<AsimovClosure> closure(MixtureModel model, double[] grid, double[][] alphaTrue) {
        List<AsimovClosure> closure = new ArrayList<>();
        double[] sums = table == null ? blocks.asimovSums(grid, alphaTrue) : null;
        for (int m = 0; m < grid.length; m++) {
            if (table != null) {
                closure.add(AsimovClosure.of(grid[m], AsimovWeights.compute(model, table, grid[m], alphaTrue[m])));
            } else {
                double yield = model.expectedYield(grid[m], alphaTrue[m]);
                closure.add(new AsimovClosure(grid[m], sums[m], yield, sums[m] / yield));
            }
        }
        return closure;
    }

    /**
     * The plan's lines on the reference sample and the toys' path: its size and SHA-256 (held here: hashed on the common
     * pool's threads besides this one if {@code parallel}), and how toys are drawn.
     */
    String planLines(MixtureModel model, boolean parallel) {
        int k = model.nuisanceCount();
        if (table != null) {
            return "reference " + table.size() + " events sha256 " + NeymanPlan.sha256(table, k, parallel) + "\n"
                    + "toys single: from the whole table (a broadcast copy), " + STREAMS + "\n";
        }
        // the hash of a block, computed on the executor that holds it, on the task's own thread
        Function<EventTable, String> hashOfBlock = t -> NeymanPlan.sha256(t, k, false);
        return "reference " + placement.events() + " events in " + blocks.blockCount() + " blocks, sha256 over blocks "
                + blocks.sha256(hashOfBlock) + "\n"
                + "toys distributed: " + DISTRIBUTED_STREAMS + "\n";
    }
}
