package org.nsbi.model.synthetic;

import java.util.Arrays;
import java.util.Locale;
import org.nsbi.model.fit.BobyqaProfile;
import org.nsbi.stats.fit.TestStatistic;
import org.nsbi.stats.likelihood.AsimovWeights;
import org.nsbi.stats.likelihood.ColumnarNll;
import org.nsbi.stats.model.EventTable;
import org.nsbi.stats.model.MixtureModel;
import org.nsbi.stats.random.ToyRandom;
import org.nsbi.stats.toys.PseudoExperiment;
import org.nsbi.stats.toys.SparsePoissonSampler;

/**
 * The Newton fits of the synthetic analysis' toys against an independent minimiser (bench/synthetic-fit-check.sh;
 * run on purpose, not in CI: BOBYQA takes about a minute per run at K = 100). Arguments N TOYS S+Y: N reference
 * events, C = 4, S shape and Y yield-only parameters, seed 3 and the toys of {@code bench/scale-benchmark.sh kscan}
 * (stream (11, "toy", &mu; = 1, i)), drawn at (&mu; = 1, &alpha; = 0). Per toy: t(&mu; = 1) of the Newton fits and of BOBYQA
 * (conditional from &alpha; = 0 and from &alpha; = aux, global from &mu; = 1, &alpha; = 0), how far each BOBYQA minimum lies
 * above the Newton one (negative: BOBYQA found a lower one), &mu;&#770; and the shape parameters on a bound.
 */
public final class SyntheticFitCheck {

    private SyntheticFitCheck() {
    }

    public static void main(String[] args) {
        if (args.length != 3 || !args[2].contains("+")) {
            throw new IllegalArgumentException("usage: SyntheticFitCheck N TOYS S+Y");
        }
        int n = Integer.parseInt(args[0]);
        int toys = Integer.parseInt(args[1]);
        int plus = args[2].indexOf('+');
        int shape = Integer.parseInt(args[2].substring(0, plus));
        int yield = Integer.parseInt(args[2].substring(plus + 1));
        SyntheticAnalysis analysis = SyntheticAnalysis.of(new SyntheticSpec(4, shape, yield, n, n, 3));
        MixtureModel model = analysis.model();
        EventTable ref = analysis.referenceBlock(0).table();
        double[] zero = new double[shape + yield];
        SparsePoissonSampler sampler = SparsePoissonSampler.of(AsimovWeights.compute(model, ref, 1.0, zero).weights(), zero);
        ColumnarNll nll = new ColumnarNll(model);
        TestStatistic statistic = TestStatistic.withDefaults();
        System.out.printf(Locale.ROOT, "Newton fits against BOBYQA: %d reference events, C = 4, %d shape + %d yield-only "
                + "parameters, %d toys at mu = 1%n", n, shape, yield, toys);
        System.out.println("toy,t_newton,t_bobyqa,conditional_bobyqa_minus_newton,global_bobyqa_minus_newton,mu_hat,"
                + "shape_parameters_on_a_bound,bobyqa_seconds");
        double worst = 0;
        int lower = 0;
        for (int i = 0; i < toys; i++) {
            PseudoExperiment pe = sampler.draw(ToyRandom.of(11, "toy", ToyRandom.muKey(1.0), i));
            nll.load(ref, pe.eventIndex(), Arrays.stream(pe.count()).asDoubleStream().toArray(), pe.aux());
            TestStatistic.Result r = statistic.at(nll, 1.0);
            long t0 = System.nanoTime();
            BobyqaProfile b = BobyqaProfile.of(nll, 1.0, nll.p(1.0));
            double seconds = (System.nanoTime() - t0) / 1e9;
            double dc = b.conditional() - r.conditional().nll();
            double dg = b.global() - r.global().nll();
            long onBound = 0;
            for (int k = 0; k < shape; k++) {
                onBound += r.global().alphaAtBound()[k] ? 1 : 0;
            }
            worst = Math.max(worst, Math.abs(b.t() - r.t()));
            lower += dc < -1e-6 || dg < -1e-6 ? 1 : 0;
            System.out.printf(Locale.ROOT, "%d,%.6f,%.6f,%.2e,%.2e,%.3f,%d,%.0f%n", i, r.t(), b.t(), dc, dg,
                    r.global().mu(), onBound, seconds);
        }
        System.out.printf(Locale.ROOT, "largest |t_newton - t_bobyqa| %.2e; toys where BOBYQA found a lower minimum: %d of %d%n",
                worst, lower, toys);
    }
}
