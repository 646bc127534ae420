package org.nsbi.stats.adaptive;

import org.nsbi.stats.fit.FitResult;
import org.nsbi.stats.fit.ProfileFitter;
import org.nsbi.stats.fit.TestStatistic;
import org.nsbi.stats.likelihood.Nll;

/** t(&mu;) of one data set at every point of a grid: what the adaptive schedule compares the belt with. */
public final class GridStatistic {

    private GridStatistic() {
    }

    /**
     * @param what the data set, for messages ("observed", "asimov at mu = 1")
     * @throws IllegalStateException when a fit fails (the decision would rest on nothing)
     */
    public static double[] at(Nll nll, double[] grid, String what) {
        FitResult global = ProfileFitter.withDefaults().global(nll);
        if (!global.converged()) {
            throw new IllegalStateException("the global fit of the " + what + " data failed: " + global.message());
        }
        TestStatistic ts = TestStatistic.withDefaults();
        double[] t = new double[grid.length];
        for (int m = 0; m < grid.length; m++) {
            TestStatistic.Result r = ts.at(nll, grid[m], global);
            if (!r.converged()) {
                throw new IllegalStateException("the " + what + " conditional fit at mu = " + grid[m] + " failed: " + r.failure());
            }
            t[m] = r.t();
        }
        return t;
    }
}
