package org.nsbi.model.config;

import java.util.List;

/** Where a sample's events come from: files, or the off-shell toy simulator. */
public sealed interface EventSource permits EventSource.Files, EventSource.Simulated, EventSource.SimulatedObservation {

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

    /**
     * An observed data set drawn by the off-shell toy simulator at a stated truth (spec, "Observed data"):
     * N_obs ~ Poisson(&nu;(&mu;, &alpha;)) events of weight 1 from &sigma;(x | &mu;, &alpha;), and auxiliary
     * measurements a_k ~ N(&alpha;_k, 1). Only in {@code observed}.
     *
     * @param name  the sample's name
     * @param mu    the true &mu;, &ge; 0
     * @param alpha the true nuisance parameters by name (missing ones are 0)
     * @param seed  the seed of the draw
     */
    record SimulatedObservation(String name, double mu, java.util.Map<String, Double> alpha, long seed)
            implements EventSource {
        public SimulatedObservation {
            alpha = java.util.Map.copyOf(alpha);
        }
    }
}
