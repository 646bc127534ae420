package org.nsbi.stats.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.DoubleSupplier;
import org.nsbi.stats.fit.TestStatistic;
import org.nsbi.stats.likelihood.AsimovWeights;
import org.nsbi.stats.likelihood.ColumnarNll;
import org.nsbi.stats.likelihood.Nll;
import org.nsbi.stats.likelihood.PolynomialLoops;
import org.nsbi.stats.likelihood.ReferenceNll;
import org.nsbi.stats.model.EventTable;
import org.nsbi.stats.model.MixtureModel;
import org.nsbi.stats.random.ToyRandom;
import org.nsbi.stats.toys.DensePoissonSampler;
import org.nsbi.stats.toys.ProfileLikelihoodFit;
import org.nsbi.stats.toys.PseudoExperiment;
import org.nsbi.stats.toys.PseudoExperimentFit;
import org.nsbi.stats.toys.PseudoExperimentSampler;
import org.nsbi.stats.toys.SparsePoissonSampler;
import org.nsbi.stats.toys.ToyBlockRunner;
import org.nsbi.stats.toys.ToyFit;
import org.nsbi.stats.toys.ToyOutcome;

/**
 * The statistics engine on one thread, the fast kernel ({@link ColumnarNll}, per-thread workspace) against
 * the reference kernel ({@link ReferenceNll} on a gathered table per toy: the engine before the fast kernel)
 * on the same toys, printing in one run (each figure the median of {@value #REPEATS} repeats, timed in this
 * thread's CPU time, so per core even on a shared machine):
 * <ul>
 * <li>ns per event per evaluation, NLL + gradient and NLL + gradient + Hessian, on one toy's events;</li>
 * <li>evaluations per toy by stage (scan &mu; points, conditional Newton, global Newton);</li>
 * <li>toys/s of whole toys (draw, conditional fit, global fit) with the sparse and the dense sampler;</li>
 * <li>the largest difference of t_&mu; between the two kernels on the same toys.</li>
 * </ul>
 * Usage: {@code StatsBenchmark synthetic|FILE [reference events] [toys per repeat] [toys per point]}: the
 * off-shell-like synthetic model of {@link TestModels}, or a model and table serialised by nsbi-model's
 * {@code OffshellExactTable} (the off-shell toy with exact ratios); with toys per point &gt; 0, the t_&mu; of both
 * kernels are also compared on that many toys at each of &mu; = 0, 0.5, 1, 2. Run by bench/stats-benchmark.sh.
 */
public final class StatsBenchmark {

    private static final int REPEATS = 5;
    private static final double MU_TRUE = 1.0;

    private StatsBenchmark() {
    }

    @SuppressWarnings("unchecked")
    public static void main(String[] args) throws Exception {
        BenchInput input = BenchInput.of(args);
        MixtureModel model = input.model();
        EventTable reference = input.reference();
        String what = input.what();
        int toys = args.length > 2 ? Integer.parseInt(args[2]) : 1000;
        double[] alpha = new double[model.nuisanceCount()];
        double[] wA = AsimovWeights.compute(model, reference, MU_TRUE, alpha).weights();
        SparsePoissonSampler sparse = SparsePoissonSampler.of(wA, alpha);
        DensePoissonSampler dense = DensePoissonSampler.of(wA, alpha);
        System.out.printf(Locale.ROOT, "%s: %d processes, %d nuisance parameters; reference %d events; N_pe ~ %.0f;"
                        + " toys at mu = %.1f; medians of %d repeats, one thread%n", what, model.processCount(),
                model.nuisanceCount(), reference.size(), sparse.totalWeight(), MU_TRUE, REPEATS);

        kernels(model, reference, sparse);
        double[] loops = PolynomialLoops.nsPerEvent(sparse.draw(ToyRandom.forToy(1, 0, 0)).eventIndex().length, REPEATS,
                StatsBenchmark::cpuNanos);
        System.out.printf(Locale.ROOT, "code-4 polynomial loop (h, h'/h, h''/h), ns/event per shape effect: plain Java %.2f,"
                + " Vector API (%s) %.2f (%.1fx)%n", loops[0], PolynomialLoops.species(), loops[1], loops[0] / loops[1]);
        evaluationsPerToy(model, reference, sparse, 300);

        PseudoExperimentFit fast = new ProfileLikelihoodFit(model, reference);
        PseudoExperimentFit plain = referenceFit(model, reference);
        ToyBlockRunner.run(2, 0, MU_TRUE, 0, 300, sparse, fast); // warm-up
        ToyBlockRunner.run(2, 0, MU_TRUE, 0, 100, sparse, plain);
        List<ToyOutcome>[] fastOut = new List[1];
        List<ToyOutcome>[] plainOut = new List[1];
        double fastSparse = median(() -> rate(toys, () -> fastOut[0] = ToyBlockRunner.run(3, 0, MU_TRUE, 0, toys, sparse, fast)));
        double plainSparse = median(() -> rate(toys / 3, () -> plainOut[0] = ToyBlockRunner.run(3, 0, MU_TRUE, 0, toys / 3, sparse, plain)));
        int denseToys = Math.max(10, toys / 30);
        double fastDense = median(() -> rate(denseToys, () -> ToyBlockRunner.run(4, 0, MU_TRUE, 0, denseToys, dense, fast)));
        double plainDense = median(() -> rate(denseToys, () -> ToyBlockRunner.run(4, 0, MU_TRUE, 0, denseToys, dense, plain)));
        System.out.printf(Locale.ROOT, "whole toys/s per core, sparse sampler: fast kernel %.0f, reference kernel %.0f (%.2fx)%n",
                fastSparse, plainSparse, fastSparse / plainSparse);
        System.out.printf(Locale.ROOT, "whole toys/s per core, dense sampler:  fast kernel %.0f, reference kernel %.0f;"
                + " sparse/dense with the fast kernel %.1fx%n", fastDense, plainDense, fastSparse / fastDense);
        compare(fastOut[0], plainOut[0]);
        int perPoint = args.length > 3 ? Integer.parseInt(args[3]) : 0;
        for (double mu : new double[] {0, 0.5, 1, 2}) {
            if (perPoint > 0) {
                double[] wMu = AsimovWeights.compute(model, reference, mu, alpha).weights();
                SparsePoissonSampler atMu = SparsePoissonSampler.of(wMu, alpha);
                System.out.printf(Locale.ROOT, "at mu = %.1f: ", mu);
                compare(ToyBlockRunner.run(7, 0, mu, 0, perPoint, atMu, fast), ToyBlockRunner.run(7, 0, mu, 0, perPoint, atMu, plain));
            }
        }
    }

    /** ns per event per evaluation of both kernels on one toy's events, with and without the Hessian. */
    private static void kernels(MixtureModel model, EventTable reference, SparsePoissonSampler sparse) {
        PseudoExperiment pe = sparse.draw(ToyRandom.forToy(1, 0, 0));
        double[] counts = Arrays.stream(pe.count()).asDoubleStream().toArray();
        Nll fast = new ColumnarNll(model).load(reference, pe.eventIndex(), counts, pe.aux());
        Nll plain = ReferenceNll.of(model, reference.gather(pe.eventIndex()), counts, pe.aux());
        double[] theta = new double[model.nuisanceCount() + 1];
        theta[0] = 1.0;
        for (int k = 1; k < theta.length; k++) {
            theta[k] = 0.1 * k * (k % 2 == 0 ? -1 : 1);
        }
        double[] grad = new double[theta.length];
        double[] hess = new double[theta.length * theta.length];
        int evals = 20_000;
        double fastGrad = median(() -> nsPerEvent(fast, theta, grad, null, evals));
        double fastHess = median(() -> nsPerEvent(fast, theta, grad, hess, evals));
        double plainGrad = median(() -> nsPerEvent(plain, theta, grad, null, evals / 4));
        double plainHess = median(() -> nsPerEvent(plain, theta, grad, hess, evals / 4));
        System.out.printf(Locale.ROOT, "kernel, ns/event/evaluation on %d distinct events: NLL + gradient: fast %.1f, reference %.1f"
                + " (%.1fx); + Hessian: fast %.1f, reference %.1f (%.1fx)%n", fast.events(), fastGrad, plainGrad,
                plainGrad / fastGrad, fastHess, plainHess, plainHess / fastHess);
        // the global fit's value-only scan: 17 mu points of the fit's grid at fixed alpha, into one array
        double[] mus = new double[17];
        for (int i = 0; i < mus.length; i++) {
            double p = (double) i / (mus.length - 1);
            mus[i] = model.fitsInSqrtMu() ? model.muMax() * p * p : model.muMax() * p;
        }
        double[] alpha = Arrays.copyOfRange(theta, 1, theta.length);
        double scan = median(() -> nsPerScanPoint(fast, alpha, mus, evals / 8));
        System.out.printf(Locale.ROOT, "kernel, value-only scan (the global fit's starts): %.1f ns/event/mu point%n", scan);
        theta[1] = 1.5;
        double beyond = median(() -> nsPerEvent(fast, theta, grad, hess, evals));
        System.out.printf(Locale.ROOT, "kernel, fast + Hessian with alpha_1 = 1.5 (exponential branch): %.1f ns/event/evaluation%n",
                beyond);
    }

    private static double nsPerScanPoint(Nll nll, double[] alpha, double[] mus, int scans) {
        double[] values = new double[mus.length];
        for (int i = 0; i < scans / 4; i++) {
            nll.valuesAtFixedAlpha(alpha, mus, values);
            sink += values[0];
        }
        long t0 = cpuNanos();
        for (int i = 0; i < scans; i++) {
            nll.valuesAtFixedAlpha(alpha, mus, values);
            sink += values[i % mus.length];
        }
        return (cpuNanos() - t0) / (double) scans / mus.length / nll.events();
    }

    private static double sink;

    private static double nsPerEvent(Nll nll, double[] theta, double[] grad, double[] hess, int evals) {
        double base = theta[1];
        for (int i = 0; i < evals / 4; i++) {
            sink += nll.evaluate(theta, grad, hess);
        }
        long t0 = cpuNanos();
        for (int i = 0; i < evals; i++) {
            theta[1] = base + 1e-9 * (i & 1023);
            sink += nll.evaluate(theta, grad, hess);
        }
        theta[1] = base;
        return (cpuNanos() - t0) / (double) evals / nll.events();
    }

    /** Evaluations per toy by stage, the fast kernel and the reference one on the same toys. */
    private static void evaluationsPerToy(MixtureModel model, EventTable reference, PseudoExperimentSampler sampler, int toys) {
        TestStatistic statistic = TestStatistic.withDefaults();
        ColumnarNll workspace = new ColumnarNll(model);
        Map<Nll.Stage, Long> plainCounts = new EnumMap<>(Nll.Stage.class);
        for (int i = 0; i < toys; i++) {
            PseudoExperiment pe = sampler.draw(ToyRandom.forToy(5, 0, i));
            double[] counts = Arrays.stream(pe.count()).asDoubleStream().toArray();
            statistic.at(workspace.load(reference, pe.eventIndex(), counts, pe.aux()), MU_TRUE);
            Nll plain = ReferenceNll.of(model, reference.gather(pe.eventIndex()), counts, pe.aux());
            statistic.at(plain, MU_TRUE);
            plain.evaluationCounts().forEach((s, c) -> plainCounts.merge(s, c, Long::sum));
        }
        Map<Nll.Stage, Long> fastCounts = workspace.evaluationCounts();
        Map<Nll.Stage, Long> hessians = workspace.hessianCounts();
        StringBuilder line = new StringBuilder("evaluations per toy (" + toys + " toys), fast [reference]:");
        long total = 0;
        for (Nll.Stage s : List.of(Nll.Stage.SCAN, Nll.Stage.CONDITIONAL, Nll.Stage.GLOBAL, Nll.Stage.OTHER)) {
            total += fastCounts.get(s);
            line.append(String.format(Locale.ROOT, " %s %.2f [%.2f]", s.name().toLowerCase(Locale.ROOT),
                    fastCounts.get(s) / (double) toys, plainCounts.get(s) / (double) toys));
        }
        long h = hessians.values().stream().mapToLong(Long::longValue).sum();
        line.append(String.format(Locale.ROOT, "; total %.2f, of which %.2f with the Hessian (scan points are value-only"
                + " and cheaper)", total / (double) toys, h / (double) toys));
        System.out.println(line);
    }

    /** The engine before the fast kernel: the toy's events gathered into a new table, the reference kernel. */
    private static PseudoExperimentFit referenceFit(MixtureModel model, EventTable reference) {
        TestStatistic statistic = TestStatistic.withDefaults();
        return (pe, mu) -> {
            double[] counts = Arrays.stream(pe.count()).asDoubleStream().toArray();
            TestStatistic.Result t = statistic.at(ReferenceNll.of(model, reference.gather(pe.eventIndex()), counts, pe.aux()), mu);
            return t.converged() ? new ToyFit(t.t(), t.global().mu(), t.global().alpha(), true, t.iterations(), null, null,
                    t.atBound()) : ToyFit.failed(t.reason(), t.failure(), t.iterations());
        };
    }

    private static void compare(List<ToyOutcome> fast, List<ToyOutcome> plain) {
        int n = Math.min(fast.size(), plain.size());
        double worst = 0;
        int over = 0;
        int failed = 0;
        for (int i = 0; i < n; i++) {
            ToyOutcome f = fast.get(i);
            ToyOutcome p = plain.get(i);
            if (f.toyIndex() != p.toyIndex()) {
                throw new IllegalStateException("toy " + f.toyIndex() + " against toy " + p.toyIndex());
            }
            if (!f.converged() || !p.converged()) {
                failed += f.converged() == p.converged() ? 1 : 0;
                if (f.converged() != p.converged()) {
                    over++;
                }
                continue;
            }
            double d = Math.abs(f.t() - p.t());
            worst = Math.max(worst, d);
            over += d > 1e-6 ? 1 : 0;
        }
        System.out.printf(Locale.ROOT, "t_mu, fast against reference kernel on the same %d toys: largest |difference| %.2e;"
                + " %d toys differ by more than 1e-6 (or in convergence); %d failed with both%n", n, worst, over, failed);
    }

    private static double rate(int toys, Runnable run) {
        long t0 = cpuNanos();
        run.run();
        return toys / ((cpuNanos() - t0) / 1e9);
    }

    /**
     * This thread's CPU time: the machine is shared, so wall time would count other processes' work; all
     * figures here are per CPU-second of the benchmark's one thread, i.e. per core.
     */
    private static long cpuNanos() {
        return THREADS.getCurrentThreadCpuTime();
    }

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private static double median(DoubleSupplier measurement) {
        return BenchInput.median(REPEATS, measurement);
    }
}
