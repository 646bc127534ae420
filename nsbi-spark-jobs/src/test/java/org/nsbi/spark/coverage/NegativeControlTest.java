package org.nsbi.spark.coverage;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nsbi.model.analysis.AnalysisModel;
import org.nsbi.model.config.AnalysisConfig;
import org.nsbi.model.config.AnalysisConfigParser;
import org.nsbi.model.config.NeymanSettings;
import org.nsbi.model.config.ProcessSpec;
import org.nsbi.model.config.RatioSource;
import org.nsbi.model.coverage.ExperimentOrigin;
import org.nsbi.model.coverage.SimulatorExperiments;
import org.nsbi.model.offshell.OffshellEvents;
import org.nsbi.model.offshell.OffshellProcess;
import org.nsbi.model.offshell.OffshellSample;
import org.nsbi.model.offshell.OffshellSimulator;
import org.nsbi.model.ratio.EventBlock;
import org.nsbi.model.score.ScoredColumns;
import org.nsbi.model.score.ScoringPlan;
import org.nsbi.stats.belt.Belt;
import org.nsbi.stats.coverage.BootstrapExperiments;
import org.nsbi.stats.coverage.Coverage;
import org.nsbi.stats.coverage.ExperimentRunner;
import org.nsbi.stats.coverage.ExperimentSource;
import org.nsbi.stats.likelihood.AsimovWeights;
import org.nsbi.stats.model.EventTable;
import org.nsbi.stats.model.MixtureModel;
import org.nsbi.stats.toys.ProfileLikelihoodFit;
import org.nsbi.stats.toys.SparsePoissonSampler;
import org.nsbi.stats.toys.ToyBlockRunner;
import org.nsbi.stats.toys.ToyOutcome;

/**
 * The negative control of the coverage check (issue 13): analyses whose model is deliberately wrong, checked with
 * experiments the simulator draws from the truth, must fail the check; the exact-ratio analysis must pass it. The same
 * Spark-free parts the coverage job runs (scoring plan, simulator experiments, experiment runner, belt, coverage), in
 * one thread, in about 5 s: the off-shell toy without nuisance parameters, exact ratios, 3 x 20,000 reference events,
 * 400 toys at each of mu = 0, 0.5, 1, 1.5, 2 and 300 experiments at mu_true = 0, 0.5, 1, 2 (fixed seeds).
 *
 * <p>Measured with these sizes (Neyman, 68.27 %): with the SBI component 15 % too large (nu_SBI x 1.15 in the model,
 * i.e. r_SBI x 1.15 with the model's yield made to match), the data's mu-hat at mu_true = 2 averages 1.43 against the
 * toys' 2.12 and the coverage falls to 0.39 +- 0.04 (pull -8.0; -5.6 at 95.45 %). With r_SBI x 1.15 alone (the ratio
 * no longer closes, sum w r_SBI = 1.15), the belt's own toys carry 1.15 x the SBI events the model's yield expects,
 * their t is inflated more than the data's, and the check fails the other way: over-coverage, 0.91 to 0.98 at
 * mu_true = 0.5 to 2 (pulls +8 to +12). The exact analysis: pulls between -2.0 and +1.9.
 */
class NegativeControlTest {

    static final int REFERENCE = 20_000;
    static final int TOYS = 400;
    static final int EXPERIMENTS = 300;
    static final double[] GRID = {0, 0.5, 1, 1.5, 2};
    static final double[] MU_TRUE = {0, 0.5, 1, 2};

    @Test
    void aWrongModelFailsTheCheckAndTheExactOnePassesIt() {
        List<Coverage> tooMuchSbi = check(1.0, 1.15, ExperimentOrigin.SIMULATOR);
        List<Coverage> notClosing = check(1.15, 1.0, ExperimentOrigin.SIMULATOR);
        List<Coverage> exact = check(1.0, 1.0, ExperimentOrigin.SIMULATOR);
        print("nu_SBI x 1.15", tooMuchSbi);
        print("r_SBI x 1.15", notClosing);
        print("exact", exact);
        assertTrue(neyman(tooMuchSbi).anyMatch(c -> c.pull() < -3),
                "the SBI component 15% too large: Neyman coverage below nominal by more than 3 sigma somewhere in [0, 2]");
        assertTrue(neyman(notClosing).anyMatch(c -> Math.abs(c.pull()) > 3),
                "r_SBI x 1.15 (not closing): Neyman coverage off nominal by more than 3 sigma somewhere in [0, 2]");
        assertTrue(neyman(exact).allMatch(c -> Math.abs(c.pull()) < 3), "the exact analysis covers within 3 sigma everywhere");
    }

    /**
     * Why the simulator is needed: experiments bootstrapped from the wrong analysis's own reference sample are
     * exchangeable with its toys, and its coverage looks right (pulls within 3 sigma) however wrong the model is.
     */
    @Test
    void theBootstrapOfTheReferenceCannotSeeTheWrongModel() {
        List<Coverage> closure = check(1.0, 1.15, ExperimentOrigin.BOOTSTRAP);
        print("nu_SBI x 1.15, bootstrap", closure);
        assertTrue(neyman(closure).allMatch(c -> Math.abs(c.pull()) < 3), "the closure test passes the wrong model");
    }

    private static java.util.stream.Stream<Coverage> neyman(List<Coverage> rows) {
        return rows.stream().filter(c -> c.method().equals("neyman"));
    }

    static void print(String what, List<Coverage> rows) {
        for (Coverage c : rows) {
            System.err.printf(Locale.ROOT, "%s: mu %.2f CL %.4f %-6s %.3f +- %.3f pull %+.1f%n", what, c.mu(), c.cl(),
                    c.method(), c.fraction(), c.error(), c.pull());
        }
    }

    /**
     * Coverage at MU_TRUE of the off-shell toy analysis (exact ratios, no nuisance parameters) with r_SBI times
     * {@code scale} and the model's SBI yield times {@code yieldScale}.
     */
    static List<Coverage> check(double scale, double yieldScale, ExperimentOrigin origin) {
        AnalysisConfig full = AnalysisConfigParser.withDefaults()
                .parse(Path.of("..", "submit", "examples", "offshell-toy-exact.yaml"));
        List<ProcessSpec> processes = new ArrayList<>();
        for (ProcessSpec p : full.processes()) {
            RatioSource r = p.name().equals("SBI") ? new RatioSource.Exact("ratio_SBI", scale) : p.ratio();
            processes.add(new ProcessSpec(p.name(), p.name().equals("SBI") ? p.yield() * yieldScale : p.yield(), p.coefficient(), r));
        }
        List<Double> grid = new ArrayList<>();
        for (double g : GRID) {
            grid.add(g);
        }
        AnalysisConfig config = full.withProcesses(processes).withSystematics(List.of()).withObservedAux(Map.of())
                .withNeyman(new NeymanSettings(grid, TOYS, List.of(0.6827, 0.9545), 11,
                        NeymanSettings.NuisanceTruth.NOMINAL));
        MixtureModel model = AnalysisModel.mixture(config);
        ScoringPlan plan = ScoringPlan.of(config, null);
        EventTable reference = reference(model, plan);
        long t0 = System.nanoTime();
        List<ToyOutcome> toys = new ArrayList<>();
        ProfileLikelihoodFit fit = new ProfileLikelihoodFit(model, reference);
        double[] alpha = new double[0];
        for (int m = 0; m < GRID.length; m++) {
            SparsePoissonSampler sampler = SparsePoissonSampler.of(
                    AsimovWeights.compute(model, reference, GRID[m], alpha).weights(), alpha);
            toys.addAll(ToyBlockRunner.run(11, m, GRID[m], 0, TOYS, sampler, fit));
        }
        Belt belt = Belt.build(GRID, toys, List.of(0.6827, 0.9545));
        long t1 = System.nanoTime();
        List<ToyOutcome> experiments = new ArrayList<>();
        for (int e = 0; e < MU_TRUE.length; e++) {
            ExperimentSource source = origin == ExperimentOrigin.SIMULATOR
                    ? new SimulatorExperiments(model, plan, MU_TRUE[e], alpha)
                    : BootstrapExperiments.of(model, reference, MU_TRUE[e], alpha);
            experiments.addAll(ExperimentRunner.run(12, origin.purpose(), e, MU_TRUE[e], 0, EXPERIMENTS, source, model));
        }
        System.err.printf(Locale.ROOT, "r_SBI x %.2f, nu_SBI x %.2f: toys %.1fs, experiments %.1fs%n", scale, yieldScale, (t1 - t0) / 1e9,
                (System.nanoTime() - t1) / 1e9);
        return Coverage.of(belt, experiments, MU_TRUE);
    }

    /** p_ref's sample: S, B and NI from the simulator, each weighing nu / events, scored with the plan. */
    static EventTable reference(MixtureModel model, ScoringPlan plan) {
        List<OffshellEvents> parts = new ArrayList<>();
        long seed = 101;
        for (OffshellProcess p : List.of(OffshellProcess.S, OffshellProcess.B, OffshellProcess.NI)) {
            parts.add(OffshellSimulator.generate(OffshellSample.nominal(p), seed++, REFERENCE, 10_000));
        }
        OffshellEvents all = OffshellEvents.concat(parts);
        EventBlock scored = plan.newScorer("reference sample", List.of("simulator")).score(
                new EventBlock(0, all.features(), EventBlock.toFloat(all.weight()), Map.of()));
        return ScoredColumns.table(model, scored);
    }
}
