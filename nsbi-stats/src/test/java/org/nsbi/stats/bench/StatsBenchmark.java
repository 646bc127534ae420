package org.nsbi.stats.bench;

import java.util.Locale;
import org.nsbi.stats.likelihood.AsimovWeights;
import org.nsbi.stats.likelihood.Nll;
import org.nsbi.stats.likelihood.TestModels;
import org.nsbi.stats.model.EventTable;
import org.nsbi.stats.model.MixtureModel;
import org.nsbi.stats.random.ToyRandom;
import org.nsbi.stats.toys.DensePoissonSampler;
import org.nsbi.stats.toys.ProfileLikelihoodFit;
import org.nsbi.stats.toys.PseudoExperiment;
import org.nsbi.stats.toys.PseudoExperimentSampler;
import org.nsbi.stats.toys.SparsePoissonSampler;
import org.nsbi.stats.toys.ToyBlockRunner;

/**
 * The statistics engine on a model of the off-shell toy's size (4 processes f = mu - sqrt(mu), sqrt(mu),
 * 1 - sqrt(mu), 1; 3 nuisance parameters, 5 shape effects; about 540 events per toy; a 10^6-event reference
 * sample), on one thread. Prints, in one run: ns per event of NLL + gradient (and + Hessian), toys per second
 * of the whole toy (draw, conditional fit, global fit) with the sparse sampler and with the dense one, and
 * draws per second of each sampler alone. Run on purpose: bench/stats-benchmark.sh.
 */
public final class StatsBenchmark {

    public static void main(String[] args) {
        int referenceEvents = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        MixtureModel model = TestModels.offshellLike();
        EventTable reference = TestModels.randomEvents(model, referenceEvents, 1);
        double[] alpha = new double[3];
        double[] wA = AsimovWeights.compute(model, reference, 1.0, alpha).weights();
        SparsePoissonSampler sparse = SparsePoissonSampler.of(wA, alpha);
        DensePoissonSampler dense = DensePoissonSampler.of(wA, alpha);
        System.out.printf(Locale.ROOT, "model: 4 processes, 3 nuisance parameters; reference %d events; N_pe ~ %.0f%n",
                referenceEvents, sparse.totalWeight());

        // NLL + gradient per event on one toy's events
        PseudoExperiment pe = sparse.draw(ToyRandom.forToy(1, 0, 0));
        double[] counts = java.util.Arrays.stream(pe.count()).asDoubleStream().toArray();
        Nll nll = Nll.of(model, reference.gather(pe.eventIndex()), counts, pe.aux());
        double[] theta = {1.0, 0.2, -0.1, 0.3};
        double[] g = new double[4];
        double[] h = new double[16];
        double sink = 0;
        for (int i = 0; i < 20_000; i++) {
            sink += nll.evaluate(theta, g, null);
        }
        int reps = 50_000;
        long t0 = System.nanoTime();
        for (int i = 0; i < reps; i++) {
            theta[1] = 0.2 + 1e-9 * i;
            sink += nll.evaluate(theta, g, null);
        }
        double nsGrad = (System.nanoTime() - t0) / (double) reps / nll.events();
        t0 = System.nanoTime();
        for (int i = 0; i < reps; i++) {
            theta[1] = 0.2 + 1e-9 * i;
            sink += nll.evaluate(theta, g, h);
        }
        double nsHess = (System.nanoTime() - t0) / (double) reps / nll.events();
        System.out.printf(Locale.ROOT, "NLL + gradient: %.1f ns/event/evaluation; + Hessian: %.1f ns/event (%d distinct events)%n",
                nsGrad, nsHess, nll.events());

        ProfileLikelihoodFit fit = new ProfileLikelihoodFit(model, reference);
        ToyBlockRunner.run(2, 0, 1.0, 0, 300, sparse, fit); // warm-up
        int sparseToys = 3000;
        t0 = System.nanoTime();
        long failed = ToyBlockRunner.run(3, 0, 1.0, 0, sparseToys, sparse, fit).stream().filter(o -> !o.converged()).count();
        double sparseRate = sparseToys / ((System.nanoTime() - t0) / 1e9);
        int denseToys = 100;
        t0 = System.nanoTime();
        ToyBlockRunner.run(3, 0, 1.0, 0, denseToys, dense, fit);
        double denseRate = denseToys / ((System.nanoTime() - t0) / 1e9);
        System.out.printf(Locale.ROOT, "whole toys (draw + conditional + global fit), one thread: sparse %.0f toys/s, dense %.1f toys/s"
                + " (sparse/dense = %.0fx); failed fits: %d of %d%n", sparseRate, denseRate, sparseRate / denseRate, failed, sparseToys);
        System.out.printf(Locale.ROOT, "draws alone: sparse %.0f /s, dense %.1f /s (%.0fx)%n",
                drawRate(sparse, 20_000), drawRate(dense, 50), drawRate(sparse, 20_000) / drawRate(dense, 50));
        if (sink == 42) {
            System.out.println();
        }
    }

    private static double drawRate(PseudoExperimentSampler s, int n) {
        long t0 = System.nanoTime();
        long total = 0;
        for (int i = 0; i < n; i++) {
            total += s.draw(ToyRandom.forToy(9, 0, i)).totalCount();
        }
        return n / ((System.nanoTime() - t0) / 1e9) + total * 0;
    }
}
