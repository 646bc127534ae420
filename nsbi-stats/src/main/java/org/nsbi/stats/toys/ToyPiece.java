package org.nsbi.stats.toys;

import java.io.Serializable;
import org.nsbi.stats.model.EventTable;

/**
 * The events one content-defined partition of the reference sample contributes to one toy: the partition's
 * key, the drawn events (rows of the partition, in ascending order of their index there) and their counts.
 */
public record ToyPiece(long partition, EventTable events, int[] count) implements Serializable {

    private static final long serialVersionUID = 1L;

    public ToyPiece {
        if (events.size() != count.length) {
            throw new IllegalArgumentException("partition " + partition + ": " + events.size() + " events and "
                    + count.length + " counts; expected one count per event");
        }
    }
}
