import java.io.ObjectInputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import org.nsbi.stats.fit.TestStatistic;
import org.nsbi.stats.likelihood.AsimovWeights;
import org.nsbi.stats.likelihood.ColumnarNll;
import org.nsbi.stats.likelihood.Nll;
import org.nsbi.stats.likelihood.ReferenceNll;
import org.nsbi.stats.model.EventTable;
import org.nsbi.stats.model.MixtureModel;
import org.nsbi.stats.random.ToyRandom;
import org.nsbi.stats.toys.PseudoExperiment;
import org.nsbi.stats.toys.SparsePoissonSampler;

/**
 * t_mu of exact-ratio toys, one line per toy, for bench/fit-agreement.sh: the same toys (seed 7, drawn by the sparse
 * sampler from the Asimov weights at mu, alpha = 0) at mu = 0, 0.5, 1, 2, fitted with the fast kernel (ColumnarNll)
 * or the reference kernel (ReferenceNll, test scope) and this checkout's TestStatistic. Runs against the classes of
 * any checkout that has these classes, so the same source measures the reference commit and this one.
 * Usage: java -cp CLASSES ToyStatistics TABLE fast|reference TOYS_PER_POINT OUT.csv
 * Columns: mu, toy, events (sum of counts, to check both runs drew the same toy), converged, t, conditional NLL,
 * global NLL, mu-hat, evaluations by stage (scan, conditional, global). Prints the toys per CPU-second of this
 * thread over the toys (draw, load, both fits), after 2,000 warm-up toys of another seed.
 */
public class ToyStatistics {
    public static void main(String[] args) throws Exception {
        MixtureModel model;
        EventTable reference;
        try (ObjectInputStream in = new ObjectInputStream(Files.newInputStream(Path.of(args[0])))) {
            model = (MixtureModel) in.readObject();
            reference = (EventTable) in.readObject();
        }
        boolean fast = args[1].equals("fast");
        int toys = Integer.parseInt(args[2]);
        double[] alpha = new double[model.nuisanceCount()];
        TestStatistic statistic = TestStatistic.withDefaults();
        ColumnarNll workspace = new ColumnarNll(model);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        SparsePoissonSampler[] samplers = new SparsePoissonSampler[4];
        double[] mus = {0, 0.5, 1, 2};
        for (int m = 0; m < mus.length; m++) {
            samplers[m] = SparsePoissonSampler.of(AsimovWeights.compute(model, reference, mus[m], alpha).weights(), alpha);
        }
        for (int i = 0; i < 2000; i++) {
            PseudoExperiment pe = samplers[2].draw(ToyRandom.forToy(99, 1.0, i));
            double[] counts = Arrays.stream(pe.count()).asDoubleStream().toArray();
            statistic.at(fast ? workspace.load(reference, pe.eventIndex(), counts, pe.aux())
                    : ReferenceNll.of(model, reference.gather(pe.eventIndex()), counts, pe.aux()), 1.0);
        }
        long cpu = 0;
        try (PrintStream out = new PrintStream(Files.newOutputStream(Path.of(args[3])))) {
            out.println("mu,toy,events,converged,t,conditional_nll,global_nll,mu_hat,scan,conditional,global");
            for (int m = 0; m < mus.length; m++) {
                double mu = mus[m];
                SparsePoissonSampler sampler = samplers[m];
                for (int i = 0; i < toys; i++) {
                    long t0 = threads.getCurrentThreadCpuTime();
                    PseudoExperiment pe = sampler.draw(ToyRandom.forToy(7, mu, i));
                    double[] counts = Arrays.stream(pe.count()).asDoubleStream().toArray();
                    Nll nll = fast ? workspace.load(reference, pe.eventIndex(), counts, pe.aux())
                            : ReferenceNll.of(model, reference.gather(pe.eventIndex()), counts, pe.aux());
                    var before = nll.evaluationCounts();
                    TestStatistic.Result r = statistic.at(nll, mu);
                    cpu += threads.getCurrentThreadCpuTime() - t0;
                    var after = nll.evaluationCounts();
                    long[] evals = new long[3];
                    Nll.Stage[] stages = {Nll.Stage.SCAN, Nll.Stage.CONDITIONAL, Nll.Stage.GLOBAL};
                    for (int s = 0; s < 3; s++) {
                        evals[s] = after.get(stages[s]) - before.get(stages[s]);
                    }
                    out.printf(Locale.ROOT, "%s,%d,%d,%s,%.17g,%.17g,%.17g,%.17g,%d,%d,%d%n", mu, i, pe.totalCount(), r.converged(),
                            r.t(), r.conditional().nll(), r.global().nll(), r.global().mu(), evals[0], evals[1], evals[2]);
                }
            }
        }
        System.out.printf(Locale.ROOT, "%.0f toys/s per core%n", mus.length * toys / (cpu / 1e9));
    }
}
