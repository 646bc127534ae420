package org.nsbi.model.neyman;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.nsbi.model.UserError;

/**
 * One unit of the Neyman construction's work: toys [fromToy, toToy) of the grid point muIndex, whose value is
 * mu. Which executor runs it does not matter: every toy's random stream is keyed by (run seed, &mu; value, toy
 * index). A block with mu = NaN belongs to a list of points known only by their index (the blocks of
 * {@link #plan}); its checkpoint is named by the index.
 */
public record ToyBlockTask(int muIndex, double mu, int fromToy, int toToy) implements Serializable {

    private static final long serialVersionUID = 2L;

    public ToyBlockTask {
        if (muIndex < 0 || fromToy < 0 || toToy <= fromToy) {
            throw new IllegalArgumentException("toy block (mu " + muIndex + ", toys " + fromToy + ".." + toToy
                    + "): expected muIndex >= 0 and 0 <= fromToy < toToy");
        }
    }

    /** A block of a point known by its index only. */
    public ToyBlockTask(int muIndex, int fromToy, int toToy) {
        this(muIndex, Double.NaN, fromToy, toToy);
    }

    public int toys() {
        return toToy - fromToy;
    }

    /** True when the block's point is known by its &mu; value (its checkpoint is named by the value). */
    public boolean keyedByValue() {
        return !Double.isNaN(mu);
    }

    /** The same block at another index of the grid (a refined grid moves the indices, not the toys). */
    public ToyBlockTask atIndex(int index) {
        return new ToyBlockTask(index, mu, fromToy, toToy);
    }

    /** All blocks of a list of points known by index: toys 0..toysPerPoint in blocks of toysPerBlock, point by point. */
    public static List<ToyBlockTask> plan(int gridPoints, int toysPerPoint, int toysPerBlock) {
        List<ToyBlockTask> tasks = new ArrayList<>();
        for (int m = 0; m < gridPoints; m++) {
            tasks.addAll(range(m, Double.NaN, 0, toysPerPoint, toysPerBlock));
        }
        return tasks;
    }

    /**
     * The blocks of one round at one point: toys [from, to) of &mu; in blocks of toysPerBlock, the first starting at
     * {@code from}. A round never shares a block with another, so a run extended by a round keeps its blocks.
     */
    public static List<ToyBlockTask> range(int muIndex, double mu, int from, int to, int toysPerBlock) {
        if (toysPerBlock < 1) {
            throw new UserError("toys per block = " + toysPerBlock + "; expected at least 1");
        }
        List<ToyBlockTask> tasks = new ArrayList<>();
        for (int f = from; f < to; f += toysPerBlock) {
            tasks.add(new ToyBlockTask(muIndex, mu, f, Math.min(to, f + toysPerBlock)));
        }
        return tasks;
    }

    /** The toys of all the blocks. */
    public static long toys(List<ToyBlockTask> blocks) {
        long n = 0;
        for (ToyBlockTask t : blocks) {
            n += t.toys();
        }
        return n;
    }

    /**
     * The toys of slice p when the blocks are cut, in order, into {@code slices} contiguous slices (as Spark's
     * parallelize cuts a list).
     */
    public static long toysInSlice(List<ToyBlockTask> blocks, int slices, int p) {
        int from = (int) ((long) p * blocks.size() / slices);
        int to = (int) ((long) (p + 1) * blocks.size() / slices);
        return toys(blocks.subList(from, to));
    }
}
