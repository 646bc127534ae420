package org.nsbi.spark.validate;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nsbi.model.offshell.ToyData;
import org.nsbi.spark.SharedSpark;

/**
 * The reweighting test on small off-shell toy samples: the p_ref mixture reweighted by the exact p_S / p_ref cannot
 * be told from the S sample (AUC 0.5 within its null spread); unweighted (r = 1) it clearly can.
 */
class ValidationReweightingAucTest {

    @Test
    void exactRatioGivesHalfAndNoRatioDoesNot() {
        ToyData num = ToyData.of("ratio_S", 21, 4000, "S");
        ToyData den = ToyData.reference("ratio_S", 22, 2000);
        ReweightingAuc.Settings settings = new ReweightingAuc.Settings(30, 6, 0.5, 7);
        double[] reweighted = new double[den.size()];
        for (int i = 0; i < reweighted.length; i++) {
            reweighted[i] = den.weights[i] * den.exact[i];
        }
        ReweightingAuc.Result exact = ReweightingAuc.run(SharedSpark.session(), num.features, num.weights,
                den.features, reweighted, "ratio_S", settings);
        assertTrue(Math.abs(exact.significance()) < 4, "exact ratio: AUC " + exact.auc() + " +- " + exact.nullSigma());
        ReweightingAuc.Result none = ReweightingAuc.run(SharedSpark.session(), num.features, num.weights,
                den.features, den.weights, "ratio_S", settings);
        assertTrue(none.auc() > 0.6 && none.significance() > 8, "r = 1: AUC " + none.auc() + " +- " + none.nullSigma());
    }
}
