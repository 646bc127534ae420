package org.nsbi.spark.actions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.nsbi.model.UserError;

/**
 * The actions' settings: each is checked when it is set, with a {@link UserError} that names the setting, the value
 * and the rule; and setting them touches no Spark (the actions here have no session at all: only {@code execute()}
 * would need one).
 */
class NsbiActionsTest {

    private static final NsbiActions NO_SPARK = NsbiActions.get(null);

    private static void refused(Executable setting, String message) {
        UserError e = assertThrows(UserError.class, setting);
        assertEquals(message, e.getMessage());
    }

    @Test
    void everySettingCanBeSetWithoutASparkSession() {
        NO_SPARK.score().config(Path.of("a.yaml")).blockSize(10).out("o").overwrite(true);
        NO_SPARK.neyman().config(Path.of("a.yaml")).scored("s").toys(10).toysPerBlock(5).seed(3).maxFailedFraction(0.5)
                .partitions(2).maxToys(100).minToys(10).targetPrecision(0).signif(1).signifAsimov(1).out("o").resume(true);
        NO_SPARK.interval().run("r").config(Path.of("a.yaml")).scored("s").asimov(1).scanSteps(20).out("o");
        NO_SPARK.run().config(Path.of("a.yaml")).asimov(2).score(s -> s.blockSize(100)).neyman(n -> n.toys(50))
                .interval(i -> i.scanSteps(10)).out("o");
        NO_SPARK.coverage().run("r").experimentsFrom("simulator").mu(0.5, 1).alpha(Map.of("a", 1.0)).experiments(10)
                .experimentsPerBlock(5).partitions(1).seed(4).out("o");
        NO_SPARK.report().run("r").interval("i").coverage("c").out("o").overwrite(true);
        NO_SPARK.train().config(Path.of("t.yaml")).blockSize(100).out("o");
        NO_SPARK.validate().config(Path.of("a.yaml")).sample("r_S", "s.csv").events(10).only(List.of("r_S"))
                .calibrationBins(5).trees(3).depth(2).auc(false).blockSize(100).out("o");
        NO_SPARK.simulate().samples(List.of("S", "B")).events(10).blockSize(5).seed(1).observedMu(1)
                .observedAlpha(0, 0, 1).out("o");
    }

    @Test
    void eachBadValueIsRefusedWhenSetNamingTheValueAndTheRule() {
        refused(() -> NO_SPARK.neyman().toys(0), "--toys = 0; expected at least 1");
        refused(() -> NO_SPARK.neyman().toysPerBlock(0), "--toys-per-block = 0; expected at least 1");
        refused(() -> NO_SPARK.neyman().maxFailedFraction(1.5), "--max-failed-fraction = 1.5; expected a fraction in [0, 1]");
        refused(() -> NO_SPARK.neyman().partitions(-1), "--partitions = -1; expected at least 0");
        refused(() -> NO_SPARK.neyman().minToys(0), "--min-toys = 0; expected at least 1");
        refused(() -> NO_SPARK.neyman().targetPrecision(1), "--target-precision = 1.0; expected a coverage probability in"
                + " [0, 1) (0: never stop on precision)");
        refused(() -> NO_SPARK.neyman().signif(0), "--signif = 0.0; expected a positive number of standard deviations");
        refused(() -> NO_SPARK.neyman().signifAsimov(Double.NaN), "--signif-asimov = NaN; expected a finite number");
        refused(() -> NO_SPARK.score().blockSize(0), "--block-size = 0; expected at least 1");
        refused(() -> NO_SPARK.interval().scanSteps(0), "--scan-steps = 0; expected at least 1");
        refused(() -> NO_SPARK.interval().asimov(Double.POSITIVE_INFINITY), "--asimov = Infinity; expected a finite number");
        refused(() -> NO_SPARK.run().asimov(Double.NaN), "--asimov = NaN; expected a finite number");
        refused(() -> NO_SPARK.run().neyman(n -> n.toys(-3)), "--toys = -3; expected at least 1");
        refused(() -> NO_SPARK.coverage().mu(1, Double.NaN), "--mu = NaN; expected a finite number");
        refused(() -> NO_SPARK.coverage().experiments(0), "--experiments = 0; expected at least 1");
        refused(() -> NO_SPARK.coverage().experimentsPerBlock(0), "--experiments-per-block = 0; expected at least 1");
        refused(() -> NO_SPARK.coverage().alpha(Map.of("ni_shape", Double.NaN)), "--alpha ni_shape=NaN: expected a finite number");
        refused(() -> NO_SPARK.coverage().experimentsFrom(" "), "--experiments-from is empty; expected simulator, bootstrap,"
                + " or the files of an independent weighted MC sample");
        refused(() -> NO_SPARK.validate().events(0), "--events = 0; expected at least 1");
        refused(() -> NO_SPARK.validate().calibrationBins(0), "--calibration-bins = 0; expected at least 1");
        refused(() -> NO_SPARK.simulate().observedMu(-1), "--observed-mu = -1.0; expected a finite mu >= 0");
        refused(() -> NO_SPARK.simulate().observedAlpha(0, 1), "--observed-alpha has 2 values; expected 3:"
                + " energy_scale,ni_norm,ni_shape");
        refused(() -> NO_SPARK.train().blockSize(0), "--block-size = 0; expected at least 1");
        refused(() -> NO_SPARK.score().out(""), "--out is empty; expected a folder (local path or any Hadoop URL)");
    }

    @Test
    void overwriteAndResumeExcludeEachOther() {
        refused(() -> NO_SPARK.neyman().overwrite(true).resume(true),
                "--overwrite, --resume and --extend exclude each other: --resume continues an interrupted run, --extend"
                        + " grows a finished one, --overwrite starts it again");
    }
}
