package org.nsbi.spark.actions;

import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.nsbi.model.UserError;
import org.nsbi.model.offshell.OffshellSample;
import org.nsbi.model.output.SimulateSummary;
import org.nsbi.spark.jobs.SimulateJob;

/**
 * Generates samples of the off-shell toy and an observed data set, in parallel on Spark, as per-event Parquet tables
 * (m, c, y, weight) under {@code samples/<name>} and {@code observed}, with simulate.json.
 */
public final class SimulateAction extends WritingAction<SimulateAction> {

    /** The samples generated, unless {@link #samples} says otherwise. */
    public static final String SAMPLES = "S,B,SBI,NI";
    /** Events per sample. */
    public static final long EVENTS = 1_000_000;
    /** Events per generated block. */
    public static final int BLOCK_SIZE = 8192;
    /** The run seed. */
    public static final long SEED = 20261123;
    /** True energy_scale, ni_norm, ni_shape of the observed data. */
    public static final String OBSERVED_ALPHA = "0,0,0";

    private List<String> samples = List.of(SAMPLES.split(","));
    private long events = EVENTS;
    private int blockSize = BLOCK_SIZE;
    private long seed = SEED;
    private Double observedMu;
    private double[] observedAlpha = new double[3];

    SimulateAction(SparkSession spark) {
        super(spark);
    }

    @Override
    protected SimulateAction self() {
        return this;
    }

    /** The samples to generate (S, B, SBI, NI, and variations such as SBI_energy_scale_up). */
    public SimulateAction samples(List<String> names) {
        if (names.isEmpty()) {
            throw new UserError("--samples is empty; expected at least one sample name");
        }
        names.forEach(OffshellSample::byName);
        this.samples = List.copyOf(names);
        return this;
    }

    /** Events per sample. */
    public SimulateAction events(long perSample) {
        this.events = atLeast("--events", perSample, 1L);
        return this;
    }

    /** Events per generated block. */
    public SimulateAction blockSize(int perBlock) {
        this.blockSize = atLeast("--block-size", perBlock, 1);
        return this;
    }

    /** The run seed. */
    public SimulateAction seed(long runSeed) {
        this.seed = runSeed;
        return this;
    }

    /** Also draw an observed data set at this &mu; (nuisance parameters at {@link #observedAlpha}). */
    public SimulateAction observedMu(double mu) {
        if (!(mu >= 0 && Double.isFinite(mu))) {
            throw new UserError("--observed-mu = " + mu + "; expected a finite mu >= 0");
        }
        this.observedMu = mu;
        return this;
    }

    /** True energy_scale, ni_norm, ni_shape of the observed data. */
    public SimulateAction observedAlpha(double... alpha) {
        if (alpha.length != 3) {
            throw new UserError("--observed-alpha has " + alpha.length + " values; expected 3: energy_scale,ni_norm,ni_shape");
        }
        for (double a : alpha) {
            finite("--observed-alpha", a);
        }
        this.observedAlpha = alpha.clone();
        return this;
    }

    /** Generates the samples into the output folder; returns simulate.json's record. */
    public SimulateSummary execute() {
        SimulateJob.Settings settings = new SimulateJob.Settings(samples, events, blockSize, seed, observedMu, observedAlpha);
        checkOutput();
        return write("simulate.json", out -> SimulateJob.run(spark, settings, out), out -> { });
    }
}
