package org.nsbi.stats.validate;

/** Argument checks shared by the validation statistics; messages name the array, the index and the value. */
public final class Checks {

    private Checks() {
    }

    public static void sameLength(String a, double[] x, String b, double[] y) {
        if (x.length != y.length) {
            throw new IllegalArgumentException(a + " has " + x.length + " entries and " + b + " has " + y.length
                    + "; expected one per event in both");
        }
        if (x.length == 0) {
            throw new IllegalArgumentException(a + " is empty; expected at least one event");
        }
    }

    public static void finite(String name, double[] x) {
        for (int i = 0; i < x.length; i++) {
            if (!Double.isFinite(x[i])) {
                throw new IllegalArgumentException(name + "[" + i + "] = " + x[i] + "; expected a finite number");
            }
        }
    }

    public static void positive(String name, double[] x) {
        for (int i = 0; i < x.length; i++) {
            if (!(x[i] > 0) || Double.isInfinite(x[i])) {
                throw new IllegalArgumentException(name + "[" + i + "] = " + x[i] + "; expected a finite ratio > 0");
            }
        }
    }

    /** Weights: finite, &ge; 0, with a positive total. Returns the total. */
    public static double weights(String name, double[] w) {
        double total = 0;
        for (int i = 0; i < w.length; i++) {
            if (!(w[i] >= 0) || Double.isInfinite(w[i])) {
                throw new IllegalArgumentException(name + "[" + i + "] = " + w[i] + "; expected a finite weight >= 0");
            }
            total += w[i];
        }
        if (!(total > 0)) {
            throw new IllegalArgumentException(name + " sum to " + total + "; expected a positive total weight");
        }
        return total;
    }
}
