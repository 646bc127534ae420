package org.nsbi.model.output;

/**
 * Where a stage kept the reference sample (or data set) it worked on, in summary.json.
 *
 * @param place      "single": whole in one JVM (the driver; toys from a broadcast copy), or "distributed": in blocks
 *                   on the executors, never collected
 * @param events     the events
 * @param tableBytes the rows' size in bytes
 * @param limitBytes the largest table {@code --placement auto} keeps in one JVM
 * @param reason     why, in one line
 */
public record ReferencePlacement(String place, long events, long tableBytes, long limitBytes, String reason) {
}
