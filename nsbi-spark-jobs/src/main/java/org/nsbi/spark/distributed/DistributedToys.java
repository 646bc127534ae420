package org.nsbi.spark.distributed;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.nsbi.spark.neyman.ToyBlockFile;
import org.nsbi.spark.neyman.ToyBlockTask;
import org.nsbi.stats.model.MixtureModel;
import org.nsbi.stats.toys.PartitionedToys;
import org.nsbi.stats.toys.SparsePoissonSampler;
import org.nsbi.stats.toys.ToyOutcome;
import org.nsbi.stats.toys.ToyPiece;
import scala.Tuple2;

/**
 * Toys of a reference sample too large for one executor ({@link PartitionedToys}): each block of the
 * reference sample builds the alias table of its Asimov weights where it is, draws its piece of every toy
 * with the stream (seed, &mu; index, toy index, block key), and the pieces meet in one shuffle by toy, where the
 * toy is assembled in key order and fitted. Only the drawn events travel (N_pe per toy), never the sample.
 * The toys are the same, bit for bit, for any number of executors and any grouping of the blocks into
 * Spark partitions.
 */
public final class DistributedToys {

    private DistributedToys() {
    }

    /**
     * The toys 0..toys-1 at every grid point, fitted; sorted by (&mu; index, toy).
     *
     * @param alphaTrue   per grid point, the nuisance parameters the toys are drawn at
     * @param partitions  Spark partitions of the shuffle by toy (where the fits run)
     */
    public static List<ToyOutcome> run(DistributedEvents reference, double[] muGrid, double[][] alphaTrue, int toys,
                                       long seed, int partitions) {
        MixtureModel model = reference.model();
        double total = reference.sumOfWeights();
        double[] grid = muGrid.clone();
        double[][] truth = alphaTrue.clone();
        int points = grid.length;
        JavaPairRDD<Long, ToyPiece> pieces = reference.blocks().flatMapToPair(b -> {
            List<Tuple2<Long, ToyPiece>> out = new ArrayList<>();
            for (int m = 0; m < points; m++) {
                SparsePoissonSampler sampler = PartitionedToys.partitionSampler(model, b.table(), total, grid[m], truth[m]);
                if (sampler == null) {
                    continue;
                }
                for (int t = 0; t < toys; t++) {
                    ToyPiece p = PartitionedToys.piece(sampler, b.table(), b.key(), seed, m, t);
                    if (p != null) {
                        out.add(new Tuple2<>(toyKey(m, t), p));
                    }
                }
            }
            return out.iterator();
        });
        // every toy is listed, also one that drew no event at all
        List<Tuple2<Long, ToyPiece>> all = new ArrayList<>();
        for (int m = 0; m < points; m++) {
            for (int t = 0; t < toys; t++) {
                all.add(new Tuple2<>(toyKey(m, t), null));
            }
        }
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(reference.blocks().context());
        JavaPairRDD<Long, ToyPiece> keys = jsc.parallelizePairs(all, Math.max(1, partitions));
        // outcomes travel in the toy block codec (one toy per block)
        List<Tuple2<Long, byte[]>> encoded = pieces.union(keys).groupByKey(Math.max(1, partitions)).mapToPair(toy -> {
            int m = (int) (toy._1() >>> 32);
            int t = (int) (long) toy._1();
            List<ToyPiece> list = new ArrayList<>();
            for (ToyPiece p : toy._2()) {
                if (p != null) {
                    list.add(p);
                }
            }
            ToyOutcome o = PartitionedToys.fit(model, list, seed, m, grid[m], t, truth[m]);
            return new Tuple2<>(toy._1(), ToyBlockFile.encode(new ToyBlockTask(m, t, t + 1), List.of(o)));
        }).collect();
        List<ToyOutcome> outcomes = new ArrayList<>(encoded.size());
        for (Tuple2<Long, byte[]> e : encoded) {
            int m = (int) (e._1() >>> 32);
            int t = (int) (long) e._1();
            outcomes.addAll(ToyBlockFile.decode(new ToyBlockTask(m, t, t + 1), e._2(), "toy " + t + " at mu index " + m));
        }
        outcomes.sort(Comparator.comparingInt(ToyOutcome::muIndex).thenComparingInt(ToyOutcome::toyIndex));
        return outcomes;
    }

    private static long toyKey(int muIndex, int toy) {
        return ((long) muIndex << 32) | toy;
    }
}
