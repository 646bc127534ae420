package org.nsbi.model.output;

/** A summary file whose elapsed seconds are filled in when its command ends. */
@FunctionalInterface
public interface TimedSummary {

    /** This summary with {@code seconds} set: the value to write. */
    Object withSeconds(double seconds);
}
