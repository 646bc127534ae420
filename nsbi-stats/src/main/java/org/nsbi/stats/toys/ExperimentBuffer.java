package org.nsbi.stats.toys;

import java.util.Arrays;

/**
 * A pseudo-experiment drawn into reused arrays ({@link PseudoExperimentSampler#drawInto}): what a
 * {@link PseudoExperiment} holds (the events in ascending order with their counts &ge; 1, the aux measurements), the
 * events in {@code eventIndex()[0..size())}. A loop that draws and fits toy after toy ({@link ToyBlockRunner}) keeps one
 * and allocates nothing per toy for its data; the arrays grow to the largest toy and stay. Not thread-safe.
 */
public final class ExperimentBuffer {

    private int[] eventIndex = new int[0];
    private int[] count = new int[0];
    private int size;
    private double[] aux = new double[0];

    /** The number of distinct events. */
    public int size() {
        return size;
    }

    /** The events, ascending, in [0, {@link #size()}); the array is the buffer's own. */
    public int[] eventIndex() {
        return eventIndex;
    }

    /** Their counts, in [0, {@link #size()}); the array is the buffer's own. */
    public int[] count() {
        return count;
    }

    /** The aux measurements; the array is the buffer's own. */
    public double[] aux() {
        return aux;
    }

    /** N_pe, the number of events counted with their multiplicity. */
    public long totalCount() {
        long n = 0;
        for (int j = 0; j < size; j++) {
            n += count[j];
        }
        return n;
    }

    /** Sets the contents to a copy of {@code experiment}'s. */
    void set(PseudoExperiment experiment) {
        setEvents(experiment.eventIndex(), experiment.count(), experiment.eventIndex().length);
        double[] a = experiment.aux();
        System.arraycopy(a, 0, auxArray(a.length), 0, a.length);
    }

    /** Sets the events: {@code events} of them from {@code index}, with their counts from {@code counts}. */
    void setEvents(int[] index, int[] counts, int events) {
        if (eventIndex.length < events) {
            int capacity = Math.max(events, eventIndex.length + eventIndex.length / 2);
            eventIndex = new int[capacity];
            count = new int[capacity];
        }
        System.arraycopy(index, 0, eventIndex, 0, events);
        System.arraycopy(counts, 0, count, 0, events);
        size = events;
    }

    /** The aux array, of length k (reused when it has that length already). */
    double[] auxArray(int k) {
        if (aux.length != k) {
            aux = new double[k];
        }
        return aux;
    }

    /** The contents as a {@link PseudoExperiment} (copies). */
    public PseudoExperiment toExperiment() {
        return new PseudoExperiment(Arrays.copyOf(eventIndex, size), Arrays.copyOf(count, size), aux.clone());
    }
}
