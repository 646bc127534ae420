package org.nsbi.spark.neyman;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.nsbi.model.UserError;
import org.nsbi.model.neyman.NeymanPlan;
import org.nsbi.model.neyman.ToyBlockTask;
import org.nsbi.spark.io.HadoopFileAccess;
import org.nsbi.spark.io.OutputFolder;
import org.nsbi.stats.random.ToyRandom;
import org.nsbi.stats.toys.ToyOutcome;

/**
 * The toys of a finished run that a run extends ({@code --extend}). A finished run keeps, beside its {@code toys/},
 * {@value #PLAN_FILE}: the plan its toys were made for ({@link NeymanPlan#describe}) and each point's inputs. An
 * extension checks both against its own (another seed, model, reference sample, fitter or code is refused, naming the
 * first difference) and puts each shared point's toys 0..n&minus;1 into its checkpoints as one finished block, so only
 * the toys beyond them are computed. A toy read back from the table is the toy that was computed, bit for bit.
 */
final class CommittedToys {

    /** The plan of a finished run's toys, in its folder. */
    static final String PLAN_FILE = "toys-plan.txt";

    private static final String POINT = "point mu=";

    private CommittedToys() {
    }

    /** The text of {@value #PLAN_FILE}: the plan, then one line per grid point with its inputs. */
    static String text(String plan, double[] grid, List<String> inputs) {
        StringBuilder b = new StringBuilder(plan);
        for (int m = 0; m < grid.length; m++) {
            b.append(POINT).append(ToyRandom.muText(grid[m])).append(' ').append(inputs.get(m)).append('\n');
        }
        return b.toString();
    }

    /**
     * Puts the toys of the run {@code out} extends, at the points of {@code grid}, into the checkpoints; does nothing
     * when {@code out} extends no run.
     *
     * @throws UserError when that run has no plan file, or its toys were made for another plan or other point inputs
     */
    static void importInto(SparkSession spark, OutputFolder out, String table, String plan, double[] grid,
                           List<String> inputs, ToyCheckpoints checkpoints) {
        String planFile = out.extendedPath(PLAN_FILE);
        if (planFile == null) {
            return;
        }
        HadoopFileAccess files = new HadoopFileAccess(spark.sparkContext().hadoopConfiguration());
        if (!files.exists(planFile)) {
            throw new UserError("cannot extend " + out.shownTarget() + ": it has no " + PLAN_FILE + " (it is not a neyman"
                    + " run, or was made before runs could be extended); pass --overwrite to run it again");
        }
        StringBuilder storedPlan = new StringBuilder();
        Map<String, String> storedInputs = new HashMap<>();
        for (String line : new String(files.read(planFile), StandardCharsets.UTF_8).split("\n")) {
            if (line.startsWith(POINT)) {
                int space = line.indexOf(' ', POINT.length());
                storedInputs.put(line.substring(POINT.length(), space), line.substring(space + 1));
            } else {
                storedPlan.append(line).append('\n');
            }
        }
        if (!storedPlan.toString().equals(plan)) {
            throw new ToyCheckpoints.CheckpointMismatchException("cannot extend " + out.shownTarget() + ": its toys were made"
                    + " for another run: " + ToyCheckpoints.firstDifference(storedPlan.toString(), plan) + "; extend it"
                    + " with the same config, scored sample and --seed, or pass --overwrite to start again");
        }
        Map<String, List<ToyOutcome>> byPoint = new HashMap<>();
        for (ToyOutcome o : ToysTable.read(spark, out.extendedPath(table))) {
            byPoint.computeIfAbsent(ToyRandom.muText(o.muTrue()), k -> new ArrayList<>()).add(o);
        }
        for (int m = 0; m < grid.length; m++) {
            String mu = ToyRandom.muText(grid[m]);
            List<ToyOutcome> toys = byPoint.get(mu);
            if (toys == null) {
                continue;
            }
            if (!inputs.get(m).equals(storedInputs.get(mu))) {
                throw new ToyCheckpoints.CheckpointMismatchException("cannot extend " + out.shownTarget() + ": its toys at"
                        + " mu = " + mu + " were made for " + storedInputs.get(mu) + " where this run has " + inputs.get(m)
                        + "; pass --overwrite to start again");
            }
            toys.sort(Comparator.comparingInt(ToyOutcome::toyIndex));
            for (int i = 0; i < toys.size(); i++) {
                if (toys.get(i).toyIndex() != i) {
                    throw new IllegalStateException(out.extendedPath(table) + ": the toys at mu = " + mu
                            + " are not 0.." + (toys.size() - 1) + " (toy " + toys.get(i).toyIndex() + " at place " + i + ")");
                }
            }
            ToyBlockTask block = new ToyBlockTask(m, grid[m], 0, toys.size());
            if (checkpoints.finished(List.of(block)).isEmpty()) {
                checkpoints.write(block, toys);
            }
        }
    }
}
