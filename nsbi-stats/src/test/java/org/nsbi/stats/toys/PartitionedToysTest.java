package org.nsbi.stats.toys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nsbi.stats.likelihood.AsimovWeights;
import org.nsbi.stats.likelihood.TestModels;
import org.nsbi.stats.model.EventTable;
import org.nsbi.stats.model.MixtureModel;

/** Per-partition Poisson bootstraps together are the Poisson bootstrap of the whole sample. */
class PartitionedToysTest {

    @Test
    void thePiecesOfAToyHaveTheMomentsOfThePoissonBootstrapOfTheWholeSample() {
        MixtureModel model = TestModels.offshellLike();
        EventTable ref = TestModels.randomEvents(model, 600, 4);
        double[] alpha = {0.4, -0.3, 0.2};
        double mu = 0.8;
        int[][] cuts = {{0, 100}, {100, 450}, {450, 600}};
        List<EventTable> parts = new ArrayList<>();
        for (int[] c : cuts) {
            int[] idx = new int[c[1] - c[0]];
            for (int i = 0; i < idx.length; i++) {
                idx[i] = c[0] + i;
            }
            parts.add(ref.gather(idx));
        }
        double total = ref.sumOfWeights();
        double[] wA = AsimovWeights.compute(model, ref, mu, alpha).weights();
        List<SparsePoissonSampler> samplers = new ArrayList<>();
        for (EventTable p : parts) {
            samplers.add(PartitionedToys.partitionSampler(model, p, total, mu, alpha));
        }
        int toys = 4000;
        double sum = 0;
        double sum2 = 0;
        // events 120 and 121 (partition 1, rows 20 and 21: a pair sharing ratios and weight) and their expected count
        double hits = 0;
        for (int t = 0; t < toys; t++) {
            long n = 0;
            for (int p = 0; p < parts.size(); p++) {
                ToyPiece piece = PartitionedToys.piece(samplers.get(p), parts.get(p), p, 5, "toy", mu, t);
                if (piece == null) {
                    continue;
                }
                for (int c : piece.count()) {
                    n += c;
                }
                if (p == 1) {
                    // rows are gathered in ascending order of their index in the partition
                    for (int j = 0; j < piece.count().length; j++) {
                        if (piece.events().ratio(0, j) == parts.get(1).ratio(0, 20) && piece.events().ratio(3, j) == parts.get(1).ratio(3, 20)) {
                            hits += piece.count()[j];
                        }
                    }
                }
            }
            sum += n;
            sum2 += (double) n * n;
        }
        double sumA = 0;
        for (double w : wA) {
            sumA += w;
        }
        double mean = sum / toys;
        double var = sum2 / toys - mean * mean;
        assertEquals(sumA, mean, 4 * Math.sqrt(sumA / toys), "mean N_pe is the total Asimov weight");
        assertEquals(sumA, var, 4 * sumA * Math.sqrt(2.0 / toys), "variance of N_pe is Poisson's");
        double pair = wA[120] + wA[121];
        assertEquals(pair, hits / toys, 4 * Math.sqrt(pair / toys), "mean count of events 120 and 121 is their w_A");
    }

    @Test
    void aToyHasAtMostOnePiecePerPartition() {
        MixtureModel model = TestModels.offshellLike();
        EventTable ref = TestModels.randomEvents(model, 40, 4);
        SparsePoissonSampler s = PartitionedToys.partitionSampler(model, ref, ref.sumOfWeights(), 1, new double[3]);
        ToyPiece p = PartitionedToys.piece(s, ref, 7, 1, "toy", 1, 0);
        assertNotNull(p, "40 events of weight ~ nu/40 draw some");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PartitionedToys.fit(model, List.of(p, p), 1, "toy", 0, 1, 0, new double[3]));
        assertEquals("toy 0 at mu index 0 has two pieces of partition 7; expected one per partition", e.getMessage());
    }
}
