package org.nsbi.stats.fit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.commons.math3.linear.CholeskyDecomposition;
import org.apache.commons.math3.linear.MatrixUtils;
import org.apache.commons.math3.linear.NonPositiveDefiniteMatrixException;
import org.apache.commons.math3.linear.RealMatrix;
import org.junit.jupiter.api.Test;
import org.nsbi.stats.expr.Coefficient;
import org.nsbi.stats.likelihood.AsimovWeights;
import org.nsbi.stats.likelihood.ColumnarNll;
import org.nsbi.stats.likelihood.Nll;
import org.nsbi.stats.likelihood.StructuredHessian;
import org.nsbi.stats.likelihood.TestModels;
import org.nsbi.stats.model.EventTable;
import org.nsbi.stats.model.MixtureModel;
import org.nsbi.stats.model.Process;
import org.nsbi.stats.random.ToyRandom;
import org.nsbi.stats.toys.PseudoExperiment;
import org.nsbi.stats.toys.SparsePoissonSampler;

/**
 * {@link NewtonSystem} (Schur complement + Woodbury on the structured Hessian) against the dense Cholesky
 * decomposition of the same matrix (Commons Math), and fits through it against fits through the dense layout.
 */
class NewtonSystemTest {

    /** The dense reference: (H_FF + &lambda;&Delta;), its Cholesky verdict and solution (null if not positive definite). */
    private static double[] denseSolve(StructuredHessian h, int[] free, int nf, double lambda, double[] rhs) {
        int d = h.dimension();
        double[] full = new double[d * d];
        h.toDense(full);
        RealMatrix m = MatrixUtils.createRealMatrix(nf, nf);
        for (int i = 0; i < nf; i++) {
            for (int j = 0; j < nf; j++) {
                double v = full[free[i] * d + free[j]];
                if (i == j) {
                    v += lambda * Math.max(Math.abs(v), 1e-3);
                }
                m.setEntry(i, j, v);
            }
        }
        try {
            return new CholeskyDecomposition(m, 1e-12, 0).getSolver().solve(MatrixUtils.createRealVector(
                    Arrays.copyOf(rhs, nf))).toArray();
        } catch (NonPositiveDefiniteMatrixException e) {
            return null;
        }
    }

    /**
     * A random structured Hessian: s dense parameters at random places among D, R rows; H_YY's M is a Gram matrix
     * plus a diagonal of either sign ({@code spread}: how negative it may go), d near 1 (+ the constraint).
     */
    private static StructuredHessian random(SplittableRandom rng, int dim, int s, int rows, double spread, double gZeros) {
        List<Integer> all = new ArrayList<>();
        for (int t = 1; t < dim; t++) {
            all.add(t);
        }
        java.util.Collections.shuffle(all, new java.util.Random(rng.nextLong()));
        int[] dense = new int[s];
        dense[0] = 0;
        for (int i = 1; i < s; i++) {
            dense[i] = all.get(i - 1);
        }
        Arrays.sort(dense);
        StructuredHessian h = new StructuredHessian(dim, dense, rows);
        int k = h.structuredSize();
        int r = h.rows();
        double[] a = new double[s * s];
        double[] b = new double[s * s];
        for (int i = 0; i < b.length; i++) {
            b[i] = rng.nextDouble() - 0.5;
        }
        for (int i = 0; i < s; i++) {
            for (int j = 0; j < s; j++) {
                double v = i == j ? 50 + 100 * rng.nextDouble() : 0;
                for (int c = 0; c < s; c++) {
                    v += 20 * b[i * s + c] * b[j * s + c];
                }
                a[i * s + j] = v;
            }
        }
        for (int i = 0; i < s; i++) {
            for (int j = 0; j < i; j++) {
                a[i * s + j] = a[j * s + i];
            }
        }
        double[] x = new double[r * s];
        for (int i = 0; i < x.length; i++) {
            x[i] = 2 * (rng.nextDouble() - 0.5);
        }
        double[] g = new double[r * k];
        for (int i = 0; i < g.length; i++) {
            g[i] = rng.nextDouble() < gZeros ? 0 : 0.1 * (rng.nextDouble() - 0.5);
        }
        double[] p = new double[r * r];
        double[] e = new double[r * r];
        for (int i = 0; i < e.length; i++) {
            e[i] = rng.nextDouble();
        }
        for (int i = 0; i < r; i++) {
            for (int j = 0; j < r; j++) {
                double v = i == j ? 300 * (rng.nextDouble() - spread) : 0;
                for (int c = 0; c < r; c++) {
                    v += 100 * e[i * r + c] * e[j * r + c];
                }
                p[i * r + j] = v;
            }
        }
        for (int i = 0; i < r; i++) {
            for (int j = 0; j < i; j++) {
                p[i * r + j] = p[j * r + i];
            }
        }
        double[] d = new double[k];
        for (int i = 0; i < k; i++) {
            d[i] = 1 + 0.2 * (rng.nextDouble() - 0.5);
        }
        return h.set(a, x, g, p, d);
    }

    private static void compare(StructuredHessian h, SplittableRandom rng, String what, int[] verdicts) {
        compare(new NewtonSystem(h), h, rng, what, verdicts);
    }

    private static void compare(NewtonSystem system, StructuredHessian h, SplittableRandom rng, String what,
                                int[] verdicts) {
        int dim = h.dimension();
        for (int trial = 0; trial < 6; trial++) {
            int[] free = new int[dim];
            int nf = 0;
            for (int t = 0; t < dim; t++) {
                if (rng.nextDouble() < 0.85) {
                    free[nf++] = t;
                }
            }
            if (nf == 0) {
                continue;
            }
            double lambda = trial % 3 == 0 ? 0 : Math.pow(10, -4 + 4 * rng.nextDouble());
            double[] rhs = new double[dim];
            for (int i = 0; i < nf; i++) {
                rhs[i] = rng.nextDouble() - 0.5;
            }
            double[] expected = denseSolve(h, free, nf, lambda, rhs);
            boolean pd = system.factor(h, free, nf, lambda);
            String at = what + ", trial " + trial + ", lambda " + lambda + ", free " + Arrays.toString(Arrays.copyOf(free, nf));
            assertEquals(expected != null, pd, "positive definite, as the dense Cholesky decomposition says: " + at);
            verdicts[pd ? 0 : 1]++;
            if (!pd) {
                continue;
            }
            double[] step = new double[dim];
            system.solve(rhs, step);
            double scale = Arrays.stream(expected).map(Math::abs).max().orElse(1);
            for (int i = 0; i < nf; i++) {
                assertEquals(expected[i], step[i], 1e-10 * scale, "step " + i + " (theta " + free[i] + "): " + at);
            }
        }
    }

    @Test
    void theStructuredSolveEqualsTheDenseCholeskySolveOnRandomMatrices() {
        SplittableRandom rng = new SplittableRandom(41);
        int[] verdicts = new int[2];
        for (int rep = 0; rep < 60; rep++) {
            int dim = 3 + rng.nextInt(60);
            int s = 1 + rng.nextInt(Math.min(dim, 8));
            int rows = 1 + rng.nextInt(5);
            // M's diagonal from positive (rep < 20) to strongly negative: H_YY and the Schur complement lose definiteness
            double spread = rep < 20 ? 0 : rep < 40 ? 0.6 : 3;
            // G with zero entries, and sometimes whole zero rows (R above the free Y's rank)
            double zeros = rep % 4 == 0 ? 0.7 : 0.1;
            compare(random(rng, dim, s, rows, spread, zeros), rng, "rep " + rep + " (D = " + dim + ", s = " + s
                    + ", R = " + rows + ")", verdicts);
        }
        assertTrue(verdicts[0] > 100 && verdicts[1] > 20, "both verdicts were met: " + Arrays.toString(verdicts));
    }

    @Test
    void yieldParametersWithASmallCurvatureJoinTheDensePart() {
        SplittableRandom rng = new SplittableRandom(5);
        int[] verdicts = new int[2];
        for (int rep = 0; rep < 10; rep++) {
            StructuredHessian h = random(rng, 20, 3, 3, 0, 0.1);
            double[] d = h.diagonal();
            for (int i = 0; i < 3; i++) {
                d[rng.nextInt(d.length)] = -0.5 + 0.7 * rng.nextDouble(); // below 1/4: into the dense part
            }
            compare(h, rng, "rep " + rep, verdicts);
        }
        assertTrue(verdicts[0] > 0 && verdicts[1] > 0, "both verdicts were met: " + Arrays.toString(verdicts));
    }

    @Test
    void theDenseLayoutIsThePlainCholeskySolve() {
        SplittableRandom rng = new SplittableRandom(9);
        int[] verdicts = new int[2];
        for (int rep = 0; rep < 10; rep++) {
            compare(random(rng, 6, 6, 2, 0, 0), rng, "rep " + rep, verdicts);
        }
        assertTrue(verdicts[0] > 0, "solved: " + Arrays.toString(verdicts));
    }

    /**
     * A model with many yield-only parameters: three processes (f = &mu; &minus; &radic;&mu;, &radic;&mu;, 1), two shape
     * parameters, 40 yield-only ones on one or two processes each, and one acting on nothing.
     */
    static MixtureModel manyYieldsModel(int yields) {
        SplittableRandom rng = new SplittableRandom(77);
        int k = 2 + yields + 1;
        double[][] up = new double[3][k];
        double[][] down = new double[3][k];
        boolean[][] shape = new boolean[3][k];
        for (double[] row : up) {
            Arrays.fill(row, 1);
        }
        for (double[] row : down) {
            Arrays.fill(row, 1);
        }
        List<String> names = new ArrayList<>(List.of("shape_a", "shape_b"));
        shape[0][0] = true;
        shape[1][0] = true;
        shape[2][1] = true;
        up[2][1] = 1.03;
        down[2][1] = 0.97;
        for (int j = 0; j < yields; j++) {
            int kk = 2 + j;
            int c = j % 3;
            up[c][kk] = 1 + 0.02 + 0.1 * rng.nextDouble();
            down[c][kk] = 1 / (1 + 0.02 + 0.1 * rng.nextDouble());
            if (j % 2 == 0) {
                int c2 = (c + 1) % 3;
                up[c2][kk] = 1 + 0.05 * rng.nextDouble();
                down[c2][kk] = 1 - 0.05 * rng.nextDouble();
            }
            names.add("yield_" + j);
        }
        names.add("nothing");
        return MixtureModel.of(List.of(
                new Process("S", 40, Coefficient.parse("mu - sqrt(mu)"), up[0], down[0], shape[0]),
                new Process("SBI", 160, Coefficient.parse("sqrt(mu)"), up[1], down[1], shape[1]),
                new Process("B", 500, Coefficient.parse("1"), up[2], down[2], shape[2])), names, "mu", Double.NaN, 10);
    }

    @Test
    void theKernelsStructuredHessianSolvesLikeItsDenseOneAtRandomPoints() {
        MixtureModel model = manyYieldsModel(40);
        int k = model.nuisanceCount();
        EventTable events = TestModels.randomEvents(model, 600, 3);
        SplittableRandom rng = new SplittableRandom(13);
        double[] aux = new double[k];
        for (int i = 0; i < k; i++) {
            aux[i] = rng.nextDouble() - 0.5;
        }
        // the Asimov data set at mu = 1: near its minimum the Hessian is positive definite, far away often not
        Nll nll = Nll.of(model, events, AsimovWeights.compute(model, events, 1.0, new double[k]).weights(), aux);
        StructuredHessian h = nll.newHessian();
        assertEquals(3, h.denseSize(), "mu and the two shape parameters are dense");
        assertEquals(41, h.structuredSize(), "the yield-only parameters (and the one acting on nothing) are structured");
        int[] verdicts = new int[2];
        // one system for every point: what it keeps of a Hessian must follow the Hessian's refills
        NewtonSystem system = new NewtonSystem(h);
        for (int trial = 0; trial < 15; trial++) {
            double[] theta = new double[k + 1];
            double spread = trial < 10 ? 0.05 : 1.5;
            theta[0] = 1 + spread * (rng.nextDouble() - 0.5);
            for (int i = 1; i <= k; i++) {
                theta[i] = spread * 2 * (rng.nextDouble() - 0.5);
            }
            double[] g1 = new double[k + 1];
            double[] g2 = new double[k + 1];
            double[] dense = new double[(k + 1) * (k + 1)];
            double v1 = nll.evaluate(theta, g1, dense);
            double v2 = nll.evaluateStructured(theta, g2, h);
            assertEquals(v1, v2, 0, "the same value");
            double[] expanded = new double[dense.length];
            h.toDense(expanded);
            for (int i = 0; i < dense.length; i++) {
                assertEquals(dense[i], expanded[i], 1e-12 * Math.max(1, Math.abs(dense[i])), "entry " + i);
                int a = i / (k + 1);
                int b = i % (k + 1);
                assertEquals(dense[i], h.get(a, b), 1e-12 * Math.max(1, Math.abs(dense[i])), "get(" + a + ", " + b + ")");
            }
            compare(system, h, rng, "theta " + Arrays.toString(theta), verdicts);
        }
        assertTrue(verdicts[0] > 40, "solved: " + Arrays.toString(verdicts));
    }

    /** The same NLL, offering only the dense layout: ProfileFitter then takes the plain Cholesky path. */
    private static final class DenseOnly extends Nll {
        private final ColumnarNll inner;

        DenseOnly(ColumnarNll inner) {
            super(inner.model());
            this.inner = inner;
        }

        @Override
        public double[] aux() {
            return inner.aux();
        }

        @Override
        public int events() {
            return inner.events();
        }

        @Override
        public double sumOfWeights() {
            return inner.sumOfWeights();
        }

        @Override
        protected double compute(double[] theta, double[] grad, double[] hess) {
            return inner.evaluate(theta, grad, hess);
        }

        @Override
        protected double[] scan(double[] alpha, double[] mus) {
            return inner.valuesAtFixedAlpha(alpha, mus);
        }
    }

    @Test
    void fitsThroughTheStructuredSystemGiveTheDenseFitsT() {
        MixtureModel model = manyYieldsModel(40);
        int k = model.nuisanceCount();
        EventTable reference = TestModels.randomEvents(model, 4000, 21);
        double[] zero = new double[k];
        double[] wA = AsimovWeights.compute(model, reference, 1.0, zero).weights();
        SparsePoissonSampler sampler = SparsePoissonSampler.of(wA, zero);
        // the same search on both (the dense NLL has no yield-only block to start runs with): the systems alone differ
        TestStatistic statistic = new TestStatistic(ProfileFitter.withDefaults().withYieldFirst(false));
        double worst = 0;
        for (int toy = 0; toy < 12; toy++) {
            PseudoExperiment pe = sampler.draw(ToyRandom.of(3, "structured-fit-test", toy));
            double[] weights = Arrays.stream(pe.count()).asDoubleStream().toArray();
            ColumnarNll structured = new ColumnarNll(model).load(reference, pe.eventIndex(), weights, pe.aux());
            DenseOnly dense = new DenseOnly(new ColumnarNll(model).load(reference, pe.eventIndex(), weights, pe.aux()));
            for (double mu : new double[] {0.5, 1, 2.5}) {
                TestStatistic.Result a = statistic.at(structured, mu);
                TestStatistic.Result b = statistic.at(dense, mu);
                assertTrue(a.converged() && b.converged(), "toy " + toy + " at mu = " + mu + ": " + a.failure() + b.failure());
                assertEquals(b.t(), a.t(), 1e-9, "t, toy " + toy + " at mu = " + mu);
                assertEquals(b.global().mu(), a.global().mu(), 1e-6, "mu-hat, toy " + toy);
                worst = Math.max(worst, Math.abs(a.t() - b.t()));
            }
        }
        assertFalse(Double.isNaN(worst));
    }

    /** The join test of the fitter's search uses v&#7488;H v from the blocks: equal to the dense product. */
    @Test
    void theQuadraticFormFromTheBlocksEqualsTheDenseOne() {
        SplittableRandom rng = new SplittableRandom(2026);
        for (int trial = 0; trial < 20; trial++) {
            int dim = 3 + rng.nextInt(30);
            int s = 1 + rng.nextInt(Math.min(dim, 6));
            StructuredHessian h = random(rng, dim, s, 1 + rng.nextInt(4), 0.3, 0.3);
            double[] full = new double[dim * dim];
            h.toDense(full);
            double[] v = new double[dim];
            for (int t = 0; t < dim; t++) {
                v[t] = rng.nextDouble() < 0.2 ? 0 : rng.nextDouble() - 0.5;
            }
            double dense = 0;
            for (int a = 0; a < dim; a++) {
                for (int b = 0; b < dim; b++) {
                    dense += v[a] * full[a * dim + b] * v[b];
                }
            }
            assertEquals(dense, h.quadraticForm(v), 1e-10 * (1 + Math.abs(dense)), "trial " + trial);
        }
    }

    private static long bits(double x) {
        return Double.doubleToRawLongBits(x);
    }

    /** &Sigma;_y v[vOff + y] g[c k + y], one plain loop. */
    private static double plainDot(double[] g, int k, double[] v, int vOff, int c) {
        double plain = 0;
        for (int y = 0; y < k; y++) {
            plain += v[vOff + y] * g[c * k + y];
        }
        return plain;
    }

    /** The rows' dot products, four rows side by side, are the bits of one plain loop per row. */
    @Test
    void rowDotsAreThePlainLoopsBitsRowByRow() {
        SplittableRandom rng = new SplittableRandom(14);
        for (int trial = 0; trial < 200; trial++) {
            int rows = 1 + rng.nextInt(9);
            int k = rng.nextInt(120);
            double[] g = new double[rows * k];
            int vOff = rng.nextInt(5);
            double[] v = new double[vOff + k];
            for (int i = 0; i < g.length; i++) {
                g[i] = (rng.nextDouble() - 0.5) * Math.exp(8 * rng.nextDouble());
            }
            for (int y = 0; y < k; y++) {
                v[vOff + y] = (rng.nextDouble() - 0.5) * Math.exp(8 * rng.nextDouble());
            }
            int from = rng.nextInt(rows);
            double[] out = new double[rows];
            NewtonSystem.rowDots(g, k, v, vOff, from, rows, out);
            for (int c = from; c < rows; c++) {
                String where = "trial " + trial + ", rows [" + from + ", " + rows + "), row " + c;
                assertEquals(bits(plainDot(g, k, v, vOff, c)), bits(out[c]), where);
            }
        }
    }

    /**
     * Q = G W G&#7488; and G W, the pass of four rows ({@link NewtonSystem#gramOfFourRows}) and the general one
     * ({@link NewtonSystem#gram}), are the bits of the plain loops: gw = g w entry by entry, Q's entry (r, c) one loop
     * over y of gw[r, y] g[c, y] from 0 (W with zeros, as for the Y parameters not free).
     */
    @Test
    void theGramOfGAndItsWeightedRowsAreThePlainLoopsBits() {
        SplittableRandom rng = new SplittableRandom(15);
        for (int trial = 0; trial < 300; trial++) {
            int rows = trial < 150 ? 4 : 1 + rng.nextInt(8);
            int k = rng.nextInt(130);
            double[] g = new double[rows * k];
            double[] w = new double[k];
            for (int i = 0; i < g.length; i++) {
                g[i] = (rng.nextDouble() - 0.5) * Math.exp(8 * rng.nextDouble());
            }
            for (int y = 0; y < k; y++) {
                w[y] = rng.nextDouble() < 0.2 ? 0 : rng.nextDouble() * Math.exp(4 * rng.nextDouble());
            }
            double[] gw = new double[rows * k];
            double[] q = new double[rows * rows];
            if (rows == 4 && trial % 2 == 0) {
                NewtonSystem.gramOfFourRows(g, k, w, gw, q);
            } else {
                NewtonSystem.gram(g, k, rows, w, gw, q, new double[rows]);
            }
            double[] plainGw = new double[rows * k];
            for (int i = 0; i < plainGw.length; i++) {
                plainGw[i] = g[i] * w[i % Math.max(k, 1)];
            }
            for (int i = 0; i < plainGw.length; i++) {
                assertEquals(bits(plainGw[i]), bits(gw[i]), "trial " + trial + ", gw entry " + i);
            }
            for (int r = 0; r < rows; r++) {
                for (int c = 0; c < rows; c++) {
                    double plain = plainDot(g, k, plainGw, Math.min(r, c) * k, Math.max(r, c));
                    assertEquals(bits(plain), bits(q[r * rows + c]), "trial " + trial + " (R = " + rows + ", k = " + k
                            + "), Q entry (" + r + ", " + c + ")");
                }
            }
        }
    }

    /**
     * The solve's passes over Y for four rows ({@link NewtonSystem#lessRowsAndDotsOfFour},
     * {@link NewtonSystem#stepsOfFour}) are the bits of the plain loops: v &minus;= G&#7488; a row by row
     * ({@link NewtonSystem#lessRows}), the dot products with gw's rows, then v &minus;= G&#7488; b and dInv times v.
     */
    @Test
    void theSolvesPassesOfFourRowsAreThePlainLoopsBits() {
        SplittableRandom rng = new SplittableRandom(16);
        for (int trial = 0; trial < 200; trial++) {
            int k = rng.nextInt(130);
            double[] g = new double[4 * k];
            double[] gw = new double[4 * k];
            double[] v = new double[k];
            double[] a = new double[4];
            double[] b = new double[4];
            for (int i = 0; i < g.length; i++) {
                g[i] = (rng.nextDouble() - 0.5) * Math.exp(8 * rng.nextDouble());
                gw[i] = rng.nextDouble() < 0.2 ? 0 : (rng.nextDouble() - 0.5) * Math.exp(8 * rng.nextDouble());
            }
            for (int y = 0; y < k; y++) {
                v[y] = rng.nextDouble() < 0.2 ? 0 : (rng.nextDouble() - 0.5) * Math.exp(8 * rng.nextDouble());
            }
            for (int r = 0; r < 4; r++) {
                a[r] = (rng.nextDouble() - 0.5) * Math.exp(4 * rng.nextDouble());
                b[r] = (rng.nextDouble() - 0.5) * Math.exp(4 * rng.nextDouble());
            }
            // the free Y parameters: a random subset of Y, in random order
            List<Integer> ys = new ArrayList<>();
            for (int y = 0; y < k; y++) {
                if (rng.nextDouble() < 0.8) {
                    ys.add(y);
                }
            }
            java.util.Collections.shuffle(ys, new java.util.Random(rng.nextLong()));
            int ny = ys.size();
            int[] yAt = new int[k];
            int[] ySlot = new int[k];
            double[] dInv = new double[k];
            for (int j = 0; j < ny; j++) {
                yAt[j] = ys.get(j);
                ySlot[j] = j + 3;
                dInv[j] = rng.nextDouble() * Math.exp(3 * rng.nextDouble());
            }
            double[] plainV = v.clone();
            NewtonSystem.lessRows(g, k, 4, a, plainV);
            double[] plainDots = new double[4];
            for (int c = 0; c < 4; c++) {
                plainDots[c] = plainDot(gw, k, plainV, 0, c);
            }
            double[] fusedV = v.clone();
            double[] dots = a.clone();
            NewtonSystem.lessRowsAndDotsOfFour(g, k, dots, gw, fusedV, dots);
            for (int y = 0; y < k; y++) {
                assertEquals(bits(plainV[y]), bits(fusedV[y]), "trial " + trial + ", v[" + y + "]");
            }
            for (int c = 0; c < 4; c++) {
                assertEquals(bits(plainDots[c]), bits(dots[c]), "trial " + trial + ", dot " + c);
            }
            NewtonSystem.lessRows(g, k, 4, b, plainV);
            double[] step = new double[k + 3];
            NewtonSystem.stepsOfFour(g, k, b, fusedV, yAt, ySlot, dInv, ny, step);
            for (int j = 0; j < ny; j++) {
                assertEquals(bits(dInv[j] * plainV[yAt[j]]), bits(step[ySlot[j]]), "trial " + trial + ", step " + j);
            }
        }
    }

    /**
     * A factor asked again for the same Hessian (object and version), free list and &lambda; as the last one, which
     * succeeded, is kept, and its solve has the bits of a new factor's; another free list, &lambda;, Hessian or version, a
     * failed factor in between or a reset makes a new one.
     */
    @Test
    void aFactorAskedAgainForTheSameArgumentsIsKeptAndSolvesToTheSameBits() {
        SplittableRandom rng = new SplittableRandom(7);
        StructuredHessian h = random(rng, 30, 4, 3, 0, 0.1);
        NewtonSystem system = new NewtonSystem(h);
        int[] free = {0, 1, 2, 3, 5, 8, 9, 13, 21, 29};
        int nf = free.length;
        double[] rhs = new double[30];
        for (int i = 0; i < nf; i++) {
            rhs[i] = rng.nextDouble() - 0.5;
        }
        assertTrue(system.factor(h, free, nf, 0));
        double[] fresh = new double[30];
        system.solve(rhs, fresh);
        long made = system.factors();
        assertTrue(system.factor(h, free.clone(), nf, 0));
        assertEquals(made, system.factors(), "the same arguments: kept");
        double[] kept = new double[30];
        system.solve(rhs, kept);
        for (int i = 0; i < nf; i++) {
            assertEquals(bits(fresh[i]), bits(kept[i]), "step " + i);
        }
        int[] other = free.clone();
        other[4] = 6;
        assertTrue(system.factor(h, other, nf, 0));
        assertEquals(made + 1, system.factors(), "another free list");
        assertTrue(system.factor(h, free, nf, 0));
        assertEquals(made + 2, system.factors(), "the last factor's arguments only");
        assertTrue(system.factor(h, free, nf - 1, 0));
        assertTrue(system.factor(h, free, nf - 1, 1e-3));
        assertEquals(made + 4, system.factors(), "another count, another lambda");
        StructuredHessian copy = h.like();
        copy.copyFrom(h);
        assertTrue(system.factor(copy, free, nf - 1, 1e-3));
        assertEquals(made + 5, system.factors(), "another Hessian");
        copy.copyFrom(h);
        assertTrue(system.factor(copy, free, nf - 1, 1e-3));
        assertEquals(made + 6, system.factors(), "a new version");
        system.reset();
        assertTrue(system.factor(copy, free, nf - 1, 1e-3));
        assertEquals(made + 7, system.factors(), "after a reset");
        double[] d = copy.diagonal().clone();
        d[0] = Double.NaN;
        copy.set(copy.denseBlock().clone(), copy.crossBlock().clone(), copy.rowsOfY().clone(), copy.rowWeights().clone(), d);
        int[] all = new int[30];
        for (int t = 0; t < 30; t++) {
            all[t] = t;
        }
        assertFalse(system.factor(copy, all, 30, 0), "not finite");
        assertFalse(system.factor(copy, all, 30, 0), "not finite, again");
        assertEquals(made + 9, system.factors(), "a failed factor is not kept");
    }

    /** Every evaluation with the Hessian gives it a new version, also where the NLL fills the dense block in place. */
    @Test
    void anEvaluationGivesTheHessianANewVersionSoThatItsFactorIsMadeAgain() {
        MixtureModel model = manyYieldsModel(4);
        int k = model.nuisanceCount();
        EventTable events = TestModels.randomEvents(model, 300, 3);
        double[] wA = AsimovWeights.compute(model, events, 1.0, new double[k]).weights();
        DenseOnly dense = new DenseOnly(new ColumnarNll(model).load(events, null, wA, new double[k]));
        StructuredHessian h = dense.newHessian();
        NewtonSystem system = new NewtonSystem(h);
        int[] free = new int[k + 1];
        for (int t = 0; t <= k; t++) {
            free[t] = t;
        }
        double[] theta = new double[k + 1];
        double[] g = new double[k + 1];
        theta[0] = 1;
        dense.evaluateStructured(theta, g, h);
        assertTrue(system.factor(h, free, k + 1, 0));
        long version = h.version();
        theta[1] = 0.2;
        dense.evaluateStructured(theta, g, h);
        assertTrue(h.version() != version, "a new version");
        assertTrue(system.factor(h, free, k + 1, 0));
        assertEquals(2, system.factors(), "the new Hessian factored");
    }
}
