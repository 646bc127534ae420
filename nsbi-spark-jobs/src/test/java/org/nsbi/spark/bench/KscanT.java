package org.nsbi.spark.bench;

import java.util.Arrays;
import java.util.Locale;
import org.nsbi.stats.fit.TestStatistic;
import org.nsbi.stats.likelihood.ColumnarNll;
import org.nsbi.stats.random.ToyRandom;
import org.nsbi.stats.toys.PseudoExperiment;

/**
 * A tool, not a test (bench/kscan-t-against.sh): t(&mu;) at &mu; = 0.5, 1, 2 of the kscan's first TOYS toys (drawn at &mu; = 1,
 * seed 11, as the kscan draws its measured toys) for one S+Y split, one line per toy: its index and the three t as the
 * hexadecimal bits of the doubles, so that two builds' outputs can be compared bit for bit.
 * <pre>
 * main(N, S+Y, TOYS)
 * </pre>
 */
public final class KscanT {

    private KscanT() {
    }

    public static void main(String[] args) {
        KscanToys setup = KscanToys.of(Integer.parseInt(args[0]), args[1]);
        int toys = Integer.parseInt(args[2]);
        TestStatistic statistic = TestStatistic.withDefaults();
        ColumnarNll nll = new ColumnarNll(setup.model());
        for (int i = 0; i < toys; i++) {
            PseudoExperiment pe = setup.sampler().draw(ToyRandom.of(11, "toy", ToyRandom.muKey(1.0), i));
            nll.load(setup.reference(), pe.eventIndex(), Arrays.stream(pe.count()).asDoubleStream().toArray(), pe.aux());
            StringBuilder line = new StringBuilder().append(i);
            for (double mu : new double[] {0.5, 1, 2}) {
                line.append(String.format(Locale.ROOT, " %016x", Double.doubleToRawLongBits(statistic.at(nll, mu).t())));
            }
            System.out.println(line);
        }
    }
}
