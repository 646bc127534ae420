package org.nsbi.model.config;

import java.util.List;

/** Where a sample's events come from: files, or the off-shell toy simulator. */
public sealed interface EventSource permits EventSource.Files, EventSource.Simulated {

    /** The sample's name in the config (unique within its list). */
    String name();

    /** File formats the engine reads. */
    enum Format { PARQUET, CSV }

    /**
     * Events in Parquet or CSV files.
     *
     * @param name         the sample's name
     * @param paths        resolved paths: local paths absolute, URLs with a scheme ({@code hdfs://}, {@code s3a://},
     *                     {@code file:}) as written
     * @param format       the file format (stated, or inferred from the extension of the paths)
     * @param weightColumn the per-event weight column, or null for weight 1
     */
    record Files(String name, List<String> paths, Format format, String weightColumn) implements EventSource {
        public Files {
            paths = List.copyOf(paths);
        }
    }

    /**
     * Events drawn by the off-shell toy simulator (spec/offshell-toy.md). In {@code reference}, each event carries
     * weight &nu;_sample / events (the spec's sample weights); in {@code observed}, each event is one observed
     * event of weight 1.
     *
     * @param name   the sample's name
     * @param sample the simulator's sample name ({@code S}, {@code B}, {@code SBI}, {@code NI}); resolved by the
     *               simulator, not here
     * @param events the number of events to generate, &ge; 1
     * @param seed   the seed of the draw
     */
    record Simulated(String name, String sample, long events, long seed) implements EventSource {
    }
}
