package org.nsbi.model.output;

/**
 * A summary file whose elapsed seconds are filled in when its command ends.
 *
 * @param <T> the summary's own type, which {@link #withSeconds} returns
 */
@FunctionalInterface
public interface TimedSummary<T> {

    /** This summary with {@code seconds} set: the value to write. */
    T withSeconds(double seconds);
}
