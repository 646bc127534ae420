package org.nsbi.spark.neyman;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.nsbi.model.UserError;

/**
 * One unit of the Neyman construction's work: toys [fromToy, toToy) of the grid point muIndex.
 * Which executor runs it does not matter: every toy's random stream is keyed by (run seed,
 * muIndex, toy index).
 */
public record ToyBlockTask(int muIndex, int fromToy, int toToy) implements Serializable {

    private static final long serialVersionUID = 1L;

    public ToyBlockTask {
        if (muIndex < 0 || fromToy < 0 || toToy <= fromToy) {
            throw new IllegalArgumentException("toy block (mu " + muIndex + ", toys " + fromToy + ".." + toToy
                    + "): expected muIndex >= 0 and 0 <= fromToy < toToy");
        }
    }

    public int toys() {
        return toToy - fromToy;
    }

    /** All blocks of a grid: for each point, toys 0..toysPerPoint in blocks of toysPerBlock, point by point. */
    public static List<ToyBlockTask> plan(int gridPoints, int toysPerPoint, int toysPerBlock) {
        if (toysPerBlock < 1) {
            throw new UserError("toys per block = " + toysPerBlock + "; expected at least 1");
        }
        List<ToyBlockTask> tasks = new ArrayList<>();
        for (int m = 0; m < gridPoints; m++) {
            for (int from = 0; from < toysPerPoint; from += toysPerBlock) {
                tasks.add(new ToyBlockTask(m, from, Math.min(toysPerPoint, from + toysPerBlock)));
            }
        }
        return tasks;
    }
}
