package org.nsbi.model.output;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The wall time of one stage of a command, in summary.json's {@code stage_seconds} (the stages in the order they ran).
 *
 * @param stage   what ran
 * @param seconds its wall time
 */
public record StageTime(Stage stage, double seconds) {

    /** The stages of score, neyman, run and demo, written in snake case. */
    public enum Stage {
        /** scoring the reference and observed samples (run, demo) */
        SCORE,
        /** reading the scored reference sample into the driver's event table */
        LOAD,
        /**
         * before the toys: the plan's hash of the reference, the checkpoints' check (and the Asimov closure per point on
         * the distributed path; with the reference in the driver it is computed beside the toys)
         */
        NEYMAN_SETUP,
        /** the toys: drawing and fitting, on the cluster, with a checkpoint per block */
        TOYS,
        /** the toys table (Parquet) */
        TOYS_TABLE,
        /** the belts: critical values, belts.csv and belts/ (made beside the toys table; here what is left after it) */
        BELTS,
        /** the observed data's t(&mu;) scan and interval */
        OBSERVED_INTERVAL,
        /** the Asimov data set's t(&mu;) scan and interval */
        ASIMOV_INTERVAL,
        /** the report's figures and HTML */
        REPORT;

        @JsonValue
        public String key() {
            return name().toLowerCase(Locale.ROOT);
        }

        @JsonCreator
        public static Stage of(String key) {
            for (Stage s : values()) {
                if (s.key().equals(key)) {
                    return s;
                }
            }
            throw new IllegalArgumentException("unknown stage '" + key + "'; expected one of " + List.of(values()));
        }
    }

    /** Times stages one after the other: each {@link #end} closes the stage that ran since the previous one. */
    public static final class Clock {
        private final List<StageTime> times = new ArrayList<>();
        private long last = System.nanoTime();

        /** Records the time since the clock started or the previous stage ended as {@code stage}. */
        public void end(Stage stage) {
            long now = System.nanoTime();
            times.add(new StageTime(stage, (now - last) / 1e9));
            last = now;
        }

        /** Restarts the clock without recording: what ran since the previous stage is no stage of this list. */
        public void skip() {
            last = System.nanoTime();
        }

        public List<StageTime> times() {
            return List.copyOf(times);
        }
    }
}
