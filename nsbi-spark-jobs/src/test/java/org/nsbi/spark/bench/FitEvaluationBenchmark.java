package org.nsbi.spark.bench;

import java.io.IOException;
import java.io.ObjectInputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.nsbi.stats.fit.ProfileFitter;
import org.nsbi.stats.fit.TestStatistic;
import org.nsbi.stats.likelihood.AsimovWeights;
import org.nsbi.stats.likelihood.ColumnarNll;
import org.nsbi.stats.likelihood.Nll;
import org.nsbi.stats.likelihood.StructuredHessian;
import org.nsbi.stats.likelihood.YieldBlock;
import org.nsbi.stats.model.EventTable;
import org.nsbi.stats.model.MixtureModel;
import org.nsbi.stats.random.ToyRandom;
import org.nsbi.stats.toys.ProfileLikelihoodFit;
import org.nsbi.stats.toys.PseudoExperiment;
import org.nsbi.stats.toys.SparsePoissonSampler;
import org.nsbi.stats.toys.ToyBlockRunner;

/**
 * The fitter's evaluations per toy on the kscan's toys (issue 14), three settings in one JVM: "before" (steps likely to end
 * a run evaluated with the Hessian, no hand-off, no yield-only first step), "without_yield_first" (the defaults but
 * {@link ProfileFitter#withYieldFirst} off) and "now" (the defaults). Per S+Y and setting: the evaluations by stage with and
 * without the Hessian, the yield-only block's passes ({@link Nll#blockPassCounts}), the CPU of an evaluation without the
 * Hessian and of a block pass as fractions of one with it (on a toy's events), the evaluation-equivalents per toy (each
 * counted at that fraction), the CPU per toy (sampler and fits, one thread; the settings alternate, medians of the repeats)
 * and the largest difference in t from "before".
 * <pre>FitEvaluationBenchmark N TOYS REPEATS S+Y...</pre>
 * A split named {@code table:PATH} is instead a serialized model and reference table (e.g. the exact-ratio off-shell
 * toy's that {@code bench/fit-agreement.sh} writes), its toys drawn at &mu; = 1 from its Asimov weights.
 */
public final class FitEvaluationBenchmark {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private FitEvaluationBenchmark() {
    }

    public static void main(String[] args) {
        if (args.length < 4) {
            throw new IllegalArgumentException("usage: FitEvaluationBenchmark N TOYS REPEATS S+Y...");
        }
        int n = Integer.parseInt(args[0]);
        int toys = Integer.parseInt(args[1]);
        int repeats = Integer.parseInt(args[2]);
        System.out.printf(Locale.ROOT, "Fit evaluations: %d reference events, C = 4, toys at mu = 1 on one thread, %d toys x %d repeats"
                + " per setting, alternating%n", n, toys, repeats);
        System.out.println("S+Y,setting,cpu_ms_per_toy,conditional_hessian,conditional_gradient_only,global_hessian,"
                + "global_gradient_only,block_passes,gradient_only_cost,block_pass_cost,evaluation_equivalents_per_toy,max_abs_dt");
        Map<String, double[]> cpuOf = new LinkedHashMap<>();
        for (int a = 3; a < args.length; a++) {
            String spec = args[a];
            Toys setup = spec.startsWith("table:") ? Toys.ofTable(spec.substring(6)) : Toys.of(KscanToys.of(n, spec));
            ProfileFitter[] fitters = {
                ProfileFitter.withDefaults().withGradientFirst(false).withHandoff(false).withYieldFirst(false),
                ProfileFitter.withDefaults().withYieldFirst(false), ProfileFitter.withDefaults()};
            int settings = fitters.length;
            ProfileLikelihoodFit[] fits = new ProfileLikelihoodFit[settings];
            for (int s = 0; s < settings; s++) {
                fits[s] = new ProfileLikelihoodFit(setup.model(), setup.reference(), new TestStatistic(fitters[s]));
            }
            warmUp(setup, fits, toys);
            double[][] cpu = new double[settings][repeats];
            for (int r = 0; r < repeats; r++) {
                for (int s = 0; s < settings; s++) {
                    long c0 = THREADS.getCurrentThreadCpuTime();
                    ToyBlockRunner.run(11, 0, 1.0, 0, toys, setup.sampler(), fits[s]);
                    cpu[s][r] = (THREADS.getCurrentThreadCpuTime() - c0) / 1e6 / toys;
                }
            }
            // the same toys' fits on one NLL per setting, counting its evaluations; t compared between the settings
            int counted = Math.min(toys, 200);
            ColumnarNll[] nlls = new ColumnarNll[settings];
            double[] maxDt = new double[settings];
            for (int s = 0; s < settings; s++) {
                nlls[s] = new ColumnarNll(setup.model());
            }
            for (int i = 0; i < counted; i++) {
                PseudoExperiment pe = setup.sampler().draw(ToyRandom.of(11, "toy", ToyRandom.muKey(1.0), i));
                double[] w = Arrays.stream(pe.count()).asDoubleStream().toArray();
                double[] t = new double[settings];
                for (int s = 0; s < settings; s++) {
                    nlls[s].load(setup.reference(), pe.eventIndex(), w, pe.aux());
                    TestStatistic.Result res = new TestStatistic(fitters[s]).at(nlls[s], 1.0);
                    t[s] = res.converged() ? res.t() : Double.NaN;
                }
                for (int s = 1; s < settings; s++) {
                    maxDt[s] = Math.max(maxDt[s], Double.isNaN(t[0]) != Double.isNaN(t[s]) ? Double.POSITIVE_INFINITY
                            : Double.isNaN(t[0]) ? 0 : Math.abs(t[s] - t[0]));
                }
            }
            // on an NLL of its own, so that its evaluations are not counted with the fits'
            PseudoExperiment last = setup.sampler().draw(ToyRandom.of(11, "toy", ToyRandom.muKey(1.0), counted - 1));
            double[] costs = costs(new ColumnarNll(setup.model()).load(setup.reference(), last.eventIndex(),
                    Arrays.stream(last.count()).asDoubleStream().toArray(), last.aux()));
            double fraction = costs[0];
            double blockCost = costs[1];
            for (int s = 0; s < settings; s++) {
                Map<Nll.Stage, Long> all = nlls[s].evaluationCounts();
                Map<Nll.Stage, Long> hess = nlls[s].hessianCounts();
                double blocks = nlls[s].blockPassCounts().values().stream().mapToLong(Long::longValue).sum() / (double) counted;
                double ch = hess.get(Nll.Stage.CONDITIONAL) / (double) counted;
                double cg = (all.get(Nll.Stage.CONDITIONAL) - hess.get(Nll.Stage.CONDITIONAL)) / (double) counted;
                double gh = hess.get(Nll.Stage.GLOBAL) / (double) counted;
                double gg = (all.get(Nll.Stage.GLOBAL) - hess.get(Nll.Stage.GLOBAL)) / (double) counted;
                double median = median(cpu[s]);
                cpuOf.computeIfAbsent(spec, x -> new double[settings])[s] = median;
                System.out.printf(Locale.ROOT, "%s,%s,%.4f,%.2f,%.2f,%.2f,%.2f,%.2f,%.2f,%.2f,%.2f,%.1e%n", spec, NAMES[s], median, ch,
                        cg, gh, gg, blocks, fraction, blockCost, ch + gh + fraction * (cg + gg) + blockCost * blocks, maxDt[s]);
            }
        }
        System.out.println("S+Y,cpu_now/before,cpu_now/without_yield_first,ratio_to_first_S+Y_before,"
                + "ratio_to_first_S+Y_without_yield_first,ratio_to_first_S+Y_now");
        double[] first = cpuOf.values().iterator().next();
        for (Map.Entry<String, double[]> e : cpuOf.entrySet()) {
            double[] c = e.getValue();
            System.out.printf(Locale.ROOT, "%s,%.3f,%.3f,%.2f,%.2f,%.2f%n", e.getKey(), c[2] / c[0], c[2] / c[1], c[0] / first[0],
                    c[1] / first[1], c[2] / first[2]);
        }
    }

    /**
     * Both settings, alternating blocks of 20 toys, at least TOYS/2 toys each and 5 s of CPU in all, until the CPU of
     * the last 200 toys of each is within 5 % of the 200 before (C2 may still be compiling after 5 s), at most 60 s.
     */
    private static void warmUp(Toys setup, ProfileLikelihoodFit[] fits, int toys) {
        long start = THREADS.getCurrentThreadCpuTime();
        double[] last = new double[fits.length];
        Arrays.fill(last, Double.NaN);
        double[] block = new double[fits.length];
        boolean steady = false;
        for (int done = 0; done < Math.max(20, toys / 2) || !steady; done += 20) {
            for (int s = 0; s < fits.length; s++) {
                long c0 = THREADS.getCurrentThreadCpuTime();
                ToyBlockRunner.run(13, 0, 1.0, done, done + 20, setup.sampler(), fits[s]);
                block[s] += THREADS.getCurrentThreadCpuTime() - c0;
            }
            if ((done + 20) % 200 == 0) {
                long used = THREADS.getCurrentThreadCpuTime() - start;
                steady = used >= 5_000_000_000L;
                for (int s = 0; s < fits.length; s++) {
                    steady &= Math.abs(block[s] - last[s]) <= 0.05 * last[s];
                    last[s] = block[s];
                    block[s] = 0;
                }
                steady |= used >= 60_000_000_000L;
            }
        }
    }

    private static final String[] NAMES = {"before", "without_yield_first", "now"};

    /**
     * The CPU of an evaluation with the value and gradient only, and of a pass of the yield-only block (at the same point with
     * every parameter with a shape effect at 0; NaN without yield-only parameters), as fractions of one with the Hessian too, on
     * the toy loaded into {@code nll}, at (&mu; = 1, &alpha; = 0.1): medians of 7 timings of 200 each.
     */
    private static double[] costs(ColumnarNll nll) {
        int d = nll.dimension();
        double[] theta = new double[d];
        theta[0] = 1;
        Arrays.fill(theta, 1, d, 0.1);
        double[] g = new double[d];
        StructuredHessian h = nll.newHessian();
        YieldBlock block = YieldBlock.of(nll);
        double[] atZero = theta.clone();
        for (int a = 1; a < d; a++) {
            if (block != null && !block.isYieldOnly(a)) {
                atZero[a] = 0;
            }
        }
        double[][] times = new double[3][7];
        for (int rep = 0; rep < 7; rep++) {
            for (int s = 0; s < 3; s++) {
                long c0 = THREADS.getCurrentThreadCpuTime();
                for (int e = 0; e < 200; e++) {
                    theta[1] = 0.1 + 1e-9 * e; // not the point the NLL remembers
                    if (s == 0) {
                        nll.evaluateStructured(theta, g, h);
                    } else if (s == 1) {
                        nll.evaluate(theta, g, null);
                    } else if (block != null) {
                        block.prepare(nll, atZero, g, h);
                    }
                }
                times[s][rep] = THREADS.getCurrentThreadCpuTime() - c0;
            }
        }
        return new double[] {median(times[1]) / median(times[0]), block == null ? Double.NaN : median(times[2]) / median(times[0])};
    }

    /** The toys at &mu; = 1: the model, its reference sample and the sampler from its Asimov weights at (1, &alpha; = 0). */
    private record Toys(MixtureModel model, EventTable reference, SparsePoissonSampler sampler) {

        static Toys of(KscanToys k) {
            return new Toys(k.model(), k.reference(), k.sampler());
        }

        /** A serialized model and reference table, e.g. bench/fit-agreement.sh's exact-ratio off-shell table. */
        static Toys ofTable(String path) {
            try (ObjectInputStream in = new ObjectInputStream(Files.newInputStream(Path.of(path)))) {
                MixtureModel model = (MixtureModel) in.readObject();
                EventTable reference = (EventTable) in.readObject();
                double[] zero = new double[model.nuisanceCount()];
                return new Toys(model, reference,
                        SparsePoissonSampler.of(AsimovWeights.compute(model, reference, 1.0, zero).weights(), zero));
            } catch (IOException | ClassNotFoundException e) {
                throw new IllegalArgumentException("table " + path + ": " + e.getMessage(), e);
            }
        }
    }

    private static double median(double[] v) {
        double[] c = v.clone();
        Arrays.sort(c);
        int m = c.length;
        return m % 2 == 1 ? c[m / 2] : 0.5 * (c[m / 2 - 1] + c[m / 2]);
    }
}
