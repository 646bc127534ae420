package org.nsbi.stats.model;

import java.io.Serializable;

/**
 * A block of events with its content-defined key (a scored block's id, a generated block's index): what
 * identifies the block whatever Spark partition it sits in. Random streams and orders of summation are
 * keyed by it.
 */
public record KeyedBlock(long key, EventTable table) implements Serializable {

    private static final long serialVersionUID = 1L;
}
