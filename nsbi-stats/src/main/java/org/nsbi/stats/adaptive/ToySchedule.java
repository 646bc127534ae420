package org.nsbi.stats.adaptive;

import java.util.Arrays;
import java.util.List;
import org.nsbi.stats.toys.ToyOutcome;

/**
 * How many toys each grid point of a Neyman construction gets, round by round. Round r takes every point from
 * its count n_r to n_(r+1) (toys [n_r, n_(r+1)) of the point's keyed streams); the rounds end when {@link #next}
 * returns the counts it was given. A schedule decides from the toys alone, so a resumed or repeated run takes
 * the same decisions.
 */
public interface ToySchedule {

    /** The toys per point of the first round. */
    int[] first(int points);

    /**
     * The toys per point after the next round, from the toys so far.
     *
     * @param grid    the grid's &mu; values
     * @param toys    every toy so far (point i has {@code current[i]} of them)
     * @param current the toys per point so far
     * @return the counts for the next round, {@code current} itself (equal values) when every point is done
     */
    int[] next(double[] grid, List<ToyOutcome> toys, int[] current);

    /** True when there is one round only (the toys need not be read between rounds). */
    boolean singleRound();

    /** The same number of toys at every point, in one round. */
    static ToySchedule uniform(int toysPerPoint) {
        if (toysPerPoint < 1) {
            throw new IllegalArgumentException("toys per point = " + toysPerPoint + "; expected at least 1");
        }
        return new ToySchedule() {
            @Override
            public int[] first(int points) {
                int[] n = new int[points];
                Arrays.fill(n, toysPerPoint);
                return n;
            }

            @Override
            public int[] next(double[] grid, List<ToyOutcome> toys, int[] current) {
                return current.clone();
            }

            @Override
            public boolean singleRound() {
                return true;
            }

            @Override
            public String toString() {
                return "uniform " + toysPerPoint;
            }
        };
    }
}
