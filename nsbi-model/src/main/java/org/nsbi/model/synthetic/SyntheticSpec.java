package org.nsbi.model.synthetic;

import java.io.Serializable;

/**
 * The size of a synthetic analysis ({@link SyntheticAnalysis}): C processes, K_shape nuisance parameters
 * that change shapes (and yields), K_yield that change yields only, N reference events cut into blocks of
 * {@code blockSize} (block b holds events [b&middot;blockSize, min(N, (b+1)&middot;blockSize))), and the seed every
 * number of the analysis is drawn from.
 */
public record SyntheticSpec(int processes, int shapeParameters, int yieldParameters, long events, int blockSize,
                            long seed) implements Serializable {

    private static final long serialVersionUID = 1L;

    public SyntheticSpec {
        if (processes < 1) {
            throw new IllegalArgumentException("processes = " + processes + "; expected at least 1");
        }
        if (shapeParameters < 0 || yieldParameters < 0) {
            throw new IllegalArgumentException("shape parameters = " + shapeParameters + ", yield parameters = "
                    + yieldParameters + "; expected counts >= 0");
        }
        if (events < 1) {
            throw new IllegalArgumentException("events = " + events + "; expected at least 1");
        }
        if (blockSize < 1) {
            throw new IllegalArgumentException("block size = " + blockSize + "; expected at least 1");
        }
        if ((events + blockSize - 1) / blockSize > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(events + " events in blocks of " + blockSize + " make more than "
                    + Integer.MAX_VALUE + " blocks; expected larger blocks");
        }
    }

    /** K = K_shape + K_yield. */
    public int nuisances() {
        return shapeParameters + yieldParameters;
    }

    /** The number of blocks, &lceil;N / blockSize&rceil;. */
    public int blocks() {
        return (int) ((events + blockSize - 1) / blockSize);
    }

    /** The number of events of block {@code b}. */
    public int blockEvents(int b) {
        if (b < 0 || b >= blocks()) {
            throw new IllegalArgumentException("block " + b + " of " + blocks());
        }
        return (int) Math.min(blockSize, events - (long) b * blockSize);
    }
}
