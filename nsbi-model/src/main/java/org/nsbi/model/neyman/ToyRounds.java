package org.nsbi.model.neyman;

import java.util.ArrayList;
import java.util.List;
import java.util.NavigableMap;
import org.nsbi.model.UserError;

/**
 * The blocks of toys of a construction in rounds. Per point, the finished blocks (the Spark layer's {@code ToyCheckpoints.finishedByPoint})
 * and a target n: the blocks that hold toys 0 .. n&minus;1 are the finished ones where they are, and new blocks of at most
 * {@code perBlock} toys in the gaps (a new round starts its blocks where the last one ended). A toy is the same in any
 * block, so how the toys were cut before does not change them.
 */
public final class ToyRounds {

    /** The blocks to read for the targets, in point and toy order, and those among them still to compute. */
    public record Cover(List<ToyBlockTask> blocks, List<ToyBlockTask> missing) {

        public long missingToys() {
            long n = 0;
            for (ToyBlockTask t : missing) {
                n += t.toys();
            }
            return n;
        }
    }

    private ToyRounds() {
    }

    /**
     * Covers toys 0 .. target[m]&minus;1 of every point m; the blocks it adds are also added to {@code finished}, so the
     * next round sees them.
     */
    public static Cover cover(List<NavigableMap<Integer, Integer>> finished, int[] target, double[] grid, int perBlock) {
        if (perBlock < 1) {
            throw new UserError("--toys-per-block = " + perBlock + "; expected at least 1");
        }
        List<ToyBlockTask> blocks = new ArrayList<>();
        List<ToyBlockTask> missing = new ArrayList<>();
        for (int m = 0; m < grid.length; m++) {
            NavigableMap<Integer, Integer> have = finished.get(m);
            int at = 0;
            while (at < target[m]) {
                Integer end = have.get(at);
                if (end == null) {
                    Integer nextStart = have.higherKey(at);
                    end = Math.min(Math.min(target[m], at + perBlock), nextStart == null ? Integer.MAX_VALUE : nextStart);
                    ToyBlockTask t = new ToyBlockTask(m, grid[m], at, end);
                    missing.add(t);
                    blocks.add(t);
                } else {
                    blocks.add(new ToyBlockTask(m, grid[m], at, end));
                }
                at = end;
            }
        }
        for (ToyBlockTask t : missing) {
            finished.get(t.muIndex()).put(t.fromToy(), t.toToy());
        }
        return new Cover(blocks, missing);
    }
}
