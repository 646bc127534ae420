package org.nsbi.stats.belt;

/**
 * The belt at one (&mu;, CL): the critical value with its Monte Carlo band, the toy counts, the acceptance region
 * in &mu;&#770; (the range of &mu;&#770; of converged toys with t &le; t_c), whether the toys are too few for the level
 * (k = &lceil;CL&middot;(N+1)&rceil; &gt; N, so t_c = +&infin;), and the toys whose conditional or global fit ended with
 * a nuisance parameter on a bound. The columns of {@code belts.csv}: {@link #CSV_HEADER}.
 */
public record BeltPoint(double mu, double cl, double tCrit, double tCritLo, double tCritHi, int nToys, int nFailed,
                        double muhatLo, double muhatHi, boolean tooFewToys, int nAtBound) {

    public static final String CSV_HEADER =
            "mu,cl,t_crit,t_crit_lo,t_crit_hi,n_toys,n_failed,muhat_lo,muhat_hi,too_few_toys,n_at_bound";

    private static final int FIELDS = CSV_HEADER.split(",").length;

    String toCsv() {
        return mu + "," + cl + "," + tCrit + "," + tCritLo + "," + tCritHi + "," + nToys + "," + nFailed + ","
                + muhatLo + "," + muhatHi + "," + tooFewToys + "," + nAtBound;
    }

    static BeltPoint fromCsv(String line, int lineNumber, String source) {
        String[] f = line.split(",", -1);
        if (f.length != FIELDS) {
            throw new IllegalArgumentException(source + ": line " + lineNumber + " has " + f.length
                    + " fields; expected " + FIELDS + " (" + CSV_HEADER + ")");
        }
        if (!f[9].equals("true") && !f[9].equals("false")) {
            throw new IllegalArgumentException(source + ": line " + lineNumber + ": too_few_toys is '" + f[9]
                    + "'; expected true or false");
        }
        try {
            return new BeltPoint(Double.parseDouble(f[0]), Double.parseDouble(f[1]), Double.parseDouble(f[2]),
                    Double.parseDouble(f[3]), Double.parseDouble(f[4]), Integer.parseInt(f[5]), Integer.parseInt(f[6]),
                    Double.parseDouble(f[7]), Double.parseDouble(f[8]), Boolean.parseBoolean(f[9]), Integer.parseInt(f[10]));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(source + ": line " + lineNumber + ": " + e.getMessage()
                    + "; expected numbers in the columns " + CSV_HEADER);
        }
    }
}
