package org.nsbi.model.neyman;

import java.util.SplittableRandom;
import org.nsbi.stats.model.EventTable;
import org.nsbi.stats.model.MixtureModel;
import org.nsbi.stats.toys.ToyBlockRunner;

/**
 * Toys of the analysis' model on a small built-in reference sample, on a thread of their own, while the driver does
 * serial work (loading the scored sample): in a fresh JVM the real toys then start on the kernel and fit the JIT compiler
 * has compiled, instead of running them interpreted first. The warm-up's toys are thrown away. They draw from streams
 * of their own purpose ({@link #PURPOSE}) and fit with a workload of their own (its own fit and per-thread
 * workspaces), so the real toys do not depend on them.
 */
public final class KernelWarmUp implements AutoCloseable {

    /** The events of the built-in reference sample. */
    public static final int EVENTS = 2_000;
    /** The most warm-up toys; the warm-up also stops when it is closed. */
    public static final int MOST_TOYS = 400;
    /** The purpose of the warm-up's random streams (the real toys' is "toy"). */
    public static final String PURPOSE = "kernel-warm-up";
    private static final int BLOCK = 2;

    private final Thread thread;
    private volatile boolean stop;
    private volatile int toys;
    private volatile Throwable failure;

    private KernelWarmUp(MixtureModel model, double[] muGrid) {
        double[] grid = muGrid.clone();
        thread = new Thread(() -> run(model, grid), "nsbi-kernel-warm-up");
        thread.setDaemon(true);
        thread.setPriority(Thread.MIN_PRIORITY);
    }

    /** Starts warming up on toys at the grid's points, in turn. */
    public static KernelWarmUp start(MixtureModel model, double[] muGrid) {
        KernelWarmUp w = new KernelWarmUp(model, muGrid);
        w.thread.start();
        return w;
    }

    private void run(MixtureModel model, double[] grid) {
        try {
            EventTable reference = reference(model);
            MixtureModel shaped = model.needsReference() ? model.withShapeNormalisationFrom(reference) : model;
            ToyWorkload workload = new ToyWorkload(shaped, reference, grid, new double[grid.length][model.nuisanceCount()]);
            for (int from = 0; from < MOST_TOYS && !stop; from += BLOCK) {
                int m = (from / BLOCK) % grid.length;
                ToyBlockRunner.run(0, PURPOSE, m, grid[m], from, from + BLOCK, workload.sampler(m), workload.fit());
                toys = from + BLOCK;
            }
        } catch (RuntimeException | Error e) {
            failure = e;
        }
    }

    /**
     * A reference sample of {@link #EVENTS} events for the model: weights 1/EVENTS (so the toys have the model's
     * expected numbers of events), ratios in [0.5, 1.5), shape ratios 1 &plusmn; up to 0.1; the same on every call.
     */
    static EventTable reference(MixtureModel model) {
        SplittableRandom random = new SplittableRandom(1);
        int nc = model.processCount();
        int nk = model.nuisanceCount();
        float[] weights = new float[EVENTS];
        java.util.Arrays.fill(weights, 1f / EVENTS);
        float[][] ratios = new float[nc][EVENTS];
        float[][][] up = new float[nc][nk][];
        float[][][] down = new float[nc][nk][];
        for (int c = 0; c < nc; c++) {
            for (int i = 0; i < EVENTS; i++) {
                ratios[c][i] = (float) (0.5 + random.nextDouble());
            }
            for (int k = 0; k < nk; k++) {
                if (model.process(c).shape()[k]) {
                    up[c][k] = new float[EVENTS];
                    down[c][k] = new float[EVENTS];
                    for (int i = 0; i < EVENTS; i++) {
                        double effect = 0.1 * (2 * random.nextDouble() - 1);
                        up[c][k][i] = (float) (1 + effect);
                        down[c][k][i] = (float) (1 - effect);
                    }
                }
            }
        }
        return EventTable.of(model, weights, ratios, up, down);
    }

    /** The warm-up toys run so far. */
    public int toys() {
        return toys;
    }

    /** Why the warm-up stopped early, or null (a failed warm-up only means the real toys start cold). */
    public Throwable failure() {
        return failure;
    }

    /** Stops the warm-up after its current toy and waits for it. */
    @Override
    public void close() {
        stop = true;
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
