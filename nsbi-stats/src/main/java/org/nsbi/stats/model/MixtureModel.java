package org.nsbi.stats.model;

import java.io.Serializable;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The mixture model of primer section 1: processes with coefficients f_c(&mu;), yields &nu;_c and the
 * nuisance parameters &alpha;_k acting on them, with the allowed range of &mu;.
 * <pre>
 * F_c(&mu;, &alpha;) = f_c(&mu;) G_c(&alpha;) &nu;_c,   G_c(&alpha;) = &Pi;_k code4(&alpha;_k; &kappa;&plusmn;_ck)
 * &nu;(&mu;, &alpha;) = &Sigma;_c F_c(&mu;, &alpha;)
 * </pre>
 * The range of &mu; is the user's, narrowed to &mu; &ge; 0 where any coefficient has a square root.
 * Fits of such a model run in s = &radic;&mu; ({@link #fitsInSqrtMu()}).
 */
public final class MixtureModel implements Serializable {

    private static final long serialVersionUID = 1L;

    private final List<Process> processes;
    private final List<String> nuisances;
    private final String poi;
    private final double muMin;
    private final double muMax;
    private final boolean sqrt;
    /** The nuisance parameters' bounds: &alpha;_k in [alphaLow[k], alphaHigh[k]]. */
    private final double[] alphaLow;
    private final double[] alphaHigh;
    /** Per process and parameter: code-4 coefficients of the yield factor, then ln &kappa;+, ln &kappa;-. */
    private final double[][][] yieldInterp;
    /** Per nuisance parameter: its shapes are normalised ({@code shape_normalisation: per_event}). */
    private final boolean[] normalisedShapes;
    /** The normalisation from the reference sample, null until {@link #withShapeNormalisationFrom} gives it. */
    private final ShapeNormalisation shapeNormalisation;

    private MixtureModel(List<Process> processes, List<String> nuisances, String poi, double muMin, double muMax,
                         boolean sqrt, double[] alphaLow, double[] alphaHigh, boolean[] normalisedShapes,
                         ShapeNormalisation shapeNormalisation) {
        this.normalisedShapes = normalisedShapes.clone();
        this.shapeNormalisation = shapeNormalisation;
        this.alphaLow = alphaLow.clone();
        this.alphaHigh = alphaHigh.clone();
        this.processes = List.copyOf(processes);
        this.nuisances = List.copyOf(nuisances);
        this.poi = poi;
        this.muMin = muMin;
        this.muMax = muMax;
        this.sqrt = sqrt;
        this.yieldInterp = new double[processes.size()][nuisances.size()][8];
        for (int c = 0; c < processes.size(); c++) {
            Process p = processes.get(c);
            for (int k = 0; k < nuisances.size(); k++) {
                double lu = Code4Interpolation.log(p.up(k));
                double ld = Code4Interpolation.log(p.down(k));
                Code4Interpolation.coefficients(p.up(k), p.down(k), lu, ld, yieldInterp[c][k], 0);
                yieldInterp[c][k][6] = lu;
                yieldInterp[c][k][7] = ld;
            }
        }
    }

    /**
     * @param muMin the user's lower bound of &mu; (NaN: none, then 0 with a square root, else an error)
     * @param muMax the user's upper bound of &mu;
     * @throws IllegalArgumentException for duplicate names, inconsistent nuisance counts, or a range that
     *                                  is empty or reaches below 0 where a coefficient has a square root
     */
    public static MixtureModel of(List<Process> processes, List<String> nuisances, String poi, double muMin,
                                  double muMax) {
        if (processes.isEmpty()) {
            throw new IllegalArgumentException("a model needs at least one process");
        }
        Set<String> names = new HashSet<>();
        boolean sqrt = false;
        for (Process p : processes) {
            if (!names.add(p.name())) {
                throw new IllegalArgumentException("process name '" + p.name() + "' appears twice; expected unique names");
            }
            if (p.nuisances() != nuisances.size()) {
                throw new IllegalArgumentException("process " + p.name() + " has factors for " + p.nuisances()
                        + " nuisance parameters; the model has " + nuisances.size() + " " + nuisances);
            }
            if (!p.coefficient().poi().equals(poi)) {
                throw new IllegalArgumentException("process " + p.name() + ": coefficient in '" + p.coefficient().poi()
                        + "', but the parameter of interest is '" + poi + "'");
            }
            sqrt |= p.coefficient().requiresNonNegativeMu();
        }
        if (new HashSet<>(nuisances).size() != nuisances.size()) {
            throw new IllegalArgumentException("nuisance parameter names " + nuisances + " repeat; expected unique names");
        }
        double lo = Double.isNaN(muMin) ? (sqrt ? 0 : Double.NaN) : muMin;
        if (Double.isNaN(lo) || Double.isNaN(muMax) || Double.isInfinite(lo) || Double.isInfinite(muMax)) {
            throw new IllegalArgumentException("the range of " + poi + " is [" + muMin + ", " + muMax
                    + "]; expected finite bounds");
        }
        if (sqrt && lo < 0) {
            throw new IllegalArgumentException("the range of " + poi + " starts at " + lo
                    + ", but a coefficient has sqrt(" + poi + "); expected " + poi + " >= 0");
        }
        if (!(lo < muMax)) {
            throw new IllegalArgumentException("the range of " + poi + " is [" + lo + ", " + muMax + "]; expected min < max");
        }
        double[] low = new double[nuisances.size()];
        double[] high = new double[nuisances.size()];
        java.util.Arrays.fill(low, -DEFAULT_ALPHA_BOUND);
        java.util.Arrays.fill(high, DEFAULT_ALPHA_BOUND);
        return new MixtureModel(processes, nuisances, poi, lo, muMax, sqrt, low, high, new boolean[nuisances.size()],
                null);
    }

    /** The default bounds of every nuisance parameter, [-5, 5] (the HistFactory/pyhf convention). */
    public static final double DEFAULT_ALPHA_BOUND = 5.0;

    /**
     * This model with other bounds of the nuisance parameters: &alpha;_k in [low[k], high[k]].
     *
     * @throws IllegalArgumentException if a bound is not finite, low &ge; high, or 0 (the nominal) is outside
     */
    public MixtureModel withNuisanceBounds(double[] low, double[] high) {
        if (low.length != nuisances.size() || high.length != nuisances.size()) {
            throw new IllegalArgumentException(low.length + " lower and " + high.length + " upper bounds for "
                    + nuisances.size() + " nuisance parameters " + nuisances);
        }
        for (int k = 0; k < low.length; k++) {
            if (!(Double.isFinite(low[k]) && Double.isFinite(high[k]) && low[k] < 0 && high[k] > 0)) {
                throw new IllegalArgumentException("bounds of " + nuisances.get(k) + " are [" + low[k] + ", " + high[k]
                        + "]; expected finite bounds with lo < 0 < hi");
            }
        }
        return new MixtureModel(processes, nuisances, poi, muMin, muMax, sqrt, low, high, normalisedShapes,
                shapeNormalisation);
    }

    /**
     * This model with the shapes of the flagged nuisance parameters normalised (one flag per parameter): the
     * per-event term of each process is divided by the mean of its normalised shape factors under p_c
     * ({@link ShapeNormalisation}). The means come from the reference sample, which
     * {@link #withShapeNormalisationFrom} gives; until then the model cannot be evaluated.
     */
    public MixtureModel withNormalisedShapes(boolean[] normalised) {
        if (normalised.length != nuisances.size()) {
            throw new IllegalArgumentException(normalised.length + " normalisation flags for " + nuisances.size()
                    + " nuisance parameters " + nuisances);
        }
        return new MixtureModel(processes, nuisances, poi, muMin, muMax, sqrt, alphaLow, alphaHigh, normalised, null);
    }

    /** Per nuisance parameter, whether its shapes are normalised (a copy). */
    public boolean[] normalisedShapes() {
        return normalisedShapes.clone();
    }

    /** True when some nuisance parameter's shapes are normalised. */
    public boolean normalisesShapes() {
        for (boolean b : normalisedShapes) {
            if (b) {
                return true;
            }
        }
        return false;
    }

    /**
     * This model without the shape normalisation's data (its flags stay, so it {@link #needsReference()} again):
     * enough to lay out events ({@link EventTable#of}), small to send with a task; not to evaluate.
     */
    public MixtureModel withoutReference() {
        return shapeNormalisation == null ? this : withNormalisedShapes(normalisedShapes);
    }

    /** True when shapes are normalised but the model has not been given its reference sample yet. */
    public boolean needsReference() {
        return normalisesShapes() && shapeNormalisation == null;
    }

    /**
     * This model with its shape normalisation computed on {@code reference} (with the table's own weights); the
     * model itself when no shape is normalised.
     */
    public MixtureModel withShapeNormalisationFrom(EventTable reference) {
        if (!normalisesShapes()) {
            return this;
        }
        return new MixtureModel(processes, nuisances, poi, muMin, muMax, sqrt, alphaLow, alphaHigh, normalisedShapes,
                ShapeNormalisation.of(this, normalisedShapes, reference));
    }

    /**
     * The shape normalisation, or null when no shape is normalised.
     *
     * @throws IllegalStateException if shapes are normalised but the model was not given its reference sample
     */
    public ShapeNormalisation shapeNormalisation() {
        if (!normalisesShapes()) {
            return null;
        }
        if (shapeNormalisation == null) {
            throw new IllegalStateException("the shapes of " + normalisedNames() + " are normalised (shape_normalisation:"
                    + " per_event), but the model was built without its reference sample (withShapeNormalisationFrom)");
        }
        return shapeNormalisation;
    }

    private List<String> normalisedNames() {
        return java.util.stream.IntStream.range(0, nuisances.size()).filter(k -> normalisedShapes[k])
                .mapToObj(nuisances::get).toList();
    }

    /** The lower bound of &alpha;_k. */
    public double alphaLow(int k) {
        return alphaLow[k];
    }

    /** The upper bound of &alpha;_k. */
    public double alphaHigh(int k) {
        return alphaHigh[k];
    }

    public List<Process> processes() {
        return processes;
    }

    public Process process(int c) {
        return processes.get(c);
    }

    public int processCount() {
        return processes.size();
    }

    public List<String> nuisances() {
        return nuisances;
    }

    public int nuisanceCount() {
        return nuisances.size();
    }

    public String poi() {
        return poi;
    }

    public double muMin() {
        return muMin;
    }

    public double muMax() {
        return muMax;
    }

    /** True when a coefficient has &radic;&mu;: fits then run in s = &radic;&mu;, where the NLL is smooth. */
    public boolean fitsInSqrtMu() {
        return sqrt;
    }

    /**
     * The code-4 interpolation of G_ck: its coefficients a1..a6, then ln &kappa;+ and ln &kappa;&minus;, as {@link #yieldFactor} uses them
     * (a copy).
     */
    public double[] yieldInterpolation(int c, int k) {
        return yieldInterp[c][k].clone();
    }

    /** G_ck(&alpha;_k) and its two derivatives into out[0..3). */
    public void yieldFactor(int c, int k, double alpha, double[] out) {
        double[] a = yieldInterp[c][k];
        Code4Interpolation.evaluate(alpha, a, 0, a[6], a[7], out);
    }

    /** &nu;(&mu;, &alpha;) = &Sigma;_c f_c(&mu;) G_c(&alpha;) &nu;_c. */
    public double expectedYield(double mu, double[] alpha) {
        double[] v = new double[3];
        double sum = 0;
        for (int c = 0; c < processes.size(); c++) {
            double f = processes.get(c).coefficient().value(mu) * processes.get(c).yield();
            for (int k = 0; k < nuisances.size(); k++) {
                yieldFactor(c, k, alpha[k], v);
                f *= v[0];
            }
            sum += f;
        }
        return sum;
    }

    /** F_c(&mu;, &alpha;) = f_c(&mu;) G_c(&alpha;) &nu;_c for every process. */
    public double[] processNormalisations(double mu, double[] alpha) {
        double[] v = new double[3];
        double[] out = new double[processes.size()];
        for (int c = 0; c < processes.size(); c++) {
            double f = processes.get(c).coefficient().value(mu) * processes.get(c).yield();
            for (int k = 0; k < nuisances.size(); k++) {
                yieldFactor(c, k, alpha[k], v);
                f *= v[0];
            }
            out[c] = f;
        }
        return out;
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder();
        for (int k = 0; k < nuisances.size(); k++) {
            b.append(k == 0 ? "" : ", ").append(nuisances.get(k)).append(" in [").append(alphaLow[k]).append(", ")
                    .append(alphaHigh[k]).append(']');
        }
        return "MixtureModel[" + processes + ", nuisances [" + b + "], " + poi + " in [" + muMin + ", " + muMax + "]"
                + (normalisesShapes() ? ", normalised shapes " + normalisedNames() : "") + "]";
    }
}
