package org.nsbi.stats.fit;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.nsbi.stats.likelihood.AsimovWeights;
import org.nsbi.stats.likelihood.ColumnarNll;
import org.nsbi.stats.likelihood.StructuredHessian;
import org.nsbi.stats.likelihood.TestModels;
import org.nsbi.stats.model.EventTable;
import org.nsbi.stats.model.MixtureModel;

/**
 * A benchmark, not a test (bench/newton-against.sh): the CPU of one {@link NewtonSystem#factor} and
 * {@link NewtonSystem#solve} of the structured Hessian of {@link TestModels#syntheticLike} (540 events with their Asimov
 * weights at &mu; = 1, a point near &alpha; = 0 where the Hessian is positive definite) for two builds of nsbi-stats' classes, each in a class loader of its own in this one JVM, rounds
 * alternating; per side the median and range of the thread's CPU per factor and solve over the rounds after warm-up.
 * <pre>
 * main(REF_CLASSES, HEAD_CLASSES, CLASS_PATH_OF_THE_REST, SHAPES, YIELDS, DAMPED)   DAMPED: 0 (&lambda; = 0) or 1 (&lambda; &gt; 0)
 * </pre>
 */
public final class NewtonSystemAgainst {

    private static NewtonSystem system;
    private static StructuredHessian hessian;
    private static int[] free;
    private static double[] rhs;
    private static double[] step;
    private static double sink;

    private NewtonSystemAgainst() {
    }

    /** The system, Hessian and right-hand side of the synthetic layout with {@code shapes} + {@code yields} parameters. */
    public static void setUp(int shapes, int yields) {
        MixtureModel model = TestModels.syntheticLike(shapes, yields);
        EventTable events = TestModels.randomEvents(model, 540, 3);
        // the Asimov data set at mu = 1: near alpha = 0 its Hessian is positive definite, so that each factor succeeds
        // and is followed by a solve (with unit weights the Hessian has a negative eigenvalue and every factor fails)
        double[] weights = AsimovWeights.compute(model, events, 1.0, new double[model.nuisanceCount()]).weights();
        ColumnarNll nll = new ColumnarNll(model);
        nll.load(events, null, weights, new double[model.nuisanceCount()]);
        int dim = nll.dimension();
        double[] theta = new double[dim];
        theta[0] = 1;
        SplittableRandom rng = new SplittableRandom(5);
        for (int i = 1; i < dim; i++) {
            theta[i] = 0.3 * (rng.nextDouble() - 0.5);
        }
        rhs = new double[dim];
        hessian = nll.newHessian();
        nll.evaluateStructured(theta, rhs, hessian);
        system = new NewtonSystem(hessian);
        free = new int[dim];
        for (int i = 0; i < dim; i++) {
            free[i] = i;
        }
        for (double lambda : new double[] {0, 1e-3}) {
            if (!system.factor(hessian, free, dim, lambda)) {
                throw new IllegalStateException("the benchmark's Hessian is not positive definite (lambda " + lambda
                        + "): it would time failed factors without solves");
            }
        }
        step = new double[dim];
    }

    /** The thread's CPU in &micro;s per factor and solve, over {@code n} of them. */
    public static double microsPerSolve(boolean damped, int n) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long start = threads.getCurrentThreadCpuTime();
        for (int i = 0; i < n; i++) {
            double lambda = damped ? 1e-3 * (1 + (i & 3)) : 0;
            system.reset(); // a factor made, not the last one kept
            if (system.factor(hessian, free, free.length, lambda)) {
                system.solve(rhs, step);
                sink += step[i % step.length];
            }
        }
        return (threads.getCurrentThreadCpuTime() - start) / 1e3 / n;
    }

    public static void main(String[] args) throws Exception {
        String[] sides = {args[0], args[1]};
        Method[] run = new Method[2];
        for (int s = 0; s < 2; s++) {
            List<URL> urls = new ArrayList<>();
            // this class (and TestModels) from the test classes beside it, nsbi-stats itself from the side's build
            urls.add(Path.of(NewtonSystemAgainst.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                    .toUri().toURL());
            urls.add(Path.of(sides[s]).toUri().toURL());
            for (String entry : args[2].split(":")) {
                urls.add(Path.of(entry).toUri().toURL());
            }
            ClassLoader loader = new URLClassLoader(urls.toArray(new URL[0]), ClassLoader.getPlatformClassLoader());
            Class<?> side = loader.loadClass(NewtonSystemAgainst.class.getName());
            side.getMethod("setUp", int.class, int.class).invoke(null, Integer.parseInt(args[3]), Integer.parseInt(args[4]));
            run[s] = side.getMethod("microsPerSolve", boolean.class, int.class);
        }
        boolean damped = Integer.parseInt(args[5]) != 0;
        int warm = 5;
        int rounds = 15;
        double[][] times = new double[2][rounds];
        for (int r = 0; r < warm + rounds; r++) {
            for (int s = 0; s < 2; s++) {
                double us = (double) run[s].invoke(null, damped, 100_000);
                if (r >= warm) {
                    times[s][r - warm] = us;
                }
            }
        }
        System.out.println("side,shapes,yields,damped,median_us_per_factor_and_solve,min,max");
        for (int s = 0; s < 2; s++) {
            Arrays.sort(times[s]);
            System.out.printf("%s,%s,%s,%s,%.3f,%.3f,%.3f%n", s == 0 ? "ref" : "head", args[3], args[4], damped ? 1 : 0,
                    times[s][rounds / 2], times[s][0], times[s][rounds - 1]);
        }
        System.out.printf("head/ref,%.3f%n", times[1][rounds / 2] / times[0][rounds / 2]);
    }
}
