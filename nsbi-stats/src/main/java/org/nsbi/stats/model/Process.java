package org.nsbi.stats.model;

import java.io.Serializable;
import java.util.Arrays;
import java.util.Objects;
import org.nsbi.stats.expr.Coefficient;

/**
 * One process c of the mixture (primer section 1): its nominal yield &nu;_c, its coefficient f_c(&mu;),
 * and, per nuisance parameter k, the yield factors &kappa;&plusmn; = &nu;_c(&alpha;_k = &plusmn;1)/&nu;_c (1 where
 * the parameter does not change the yield) and whether the parameter changes the shape (then the
 * events carry p_c(x|&plusmn;1)/p_c(x)).
 */
public record Process(String name, double yield, Coefficient coefficient, double[] kappaUp, double[] kappaDown,
                      boolean[] shape) implements Serializable {

    public Process {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(coefficient, "coefficient");
        if (!(yield > 0) || Double.isInfinite(yield)) {
            throw new IllegalArgumentException("process " + name + ": yield = " + yield + "; expected a finite yield > 0");
        }
        if (kappaUp.length != kappaDown.length || kappaUp.length != shape.length) {
            throw new IllegalArgumentException("process " + name + ": " + kappaUp.length + " up factors, "
                    + kappaDown.length + " down factors and " + shape.length + " shape flags; expected one of each per nuisance parameter");
        }
        for (int k = 0; k < kappaUp.length; k++) {
            if (!(kappaUp[k] > 0) || !(kappaDown[k] > 0) || Double.isInfinite(kappaUp[k]) || Double.isInfinite(kappaDown[k])) {
                throw new IllegalArgumentException("process " + name + ": yield factors (" + kappaUp[k] + ", " + kappaDown[k]
                        + ") of nuisance parameter " + k + "; expected finite factors > 0");
            }
        }
        kappaUp = kappaUp.clone();
        kappaDown = kappaDown.clone();
        shape = shape.clone();
    }

    /** A process no nuisance parameter acts on, in a model with {@code nuisances} parameters. */
    public static Process unaffected(String name, double yield, Coefficient coefficient, int nuisances) {
        double[] ones = new double[nuisances];
        Arrays.fill(ones, 1.0);
        return new Process(name, yield, coefficient, ones, ones, new boolean[nuisances]);
    }

    public int nuisances() {
        return shape.length;
    }

    @Override
    public double[] kappaUp() {
        return kappaUp.clone();
    }

    @Override
    public double[] kappaDown() {
        return kappaDown.clone();
    }

    @Override
    public boolean[] shape() {
        return shape.clone();
    }

    boolean hasShape(int k) {
        return shape[k];
    }

    double up(int k) {
        return kappaUp[k];
    }

    double down(int k) {
        return kappaDown[k];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Process p && p.name.equals(name) && p.yield == yield && p.coefficient.equals(coefficient)
                && Arrays.equals(p.kappaUp, kappaUp) && Arrays.equals(p.kappaDown, kappaDown) && Arrays.equals(p.shape, shape);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, yield, coefficient, Arrays.hashCode(kappaUp), Arrays.hashCode(kappaDown), Arrays.hashCode(shape));
    }

    @Override
    public String toString() {
        return "Process[" + name + ", yield " + yield + ", f = " + coefficient.text() + "]";
    }
}
