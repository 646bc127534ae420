package org.nsbi.model.config;

import org.nsbi.model.onnx.EnsembleAverage;

import java.util.List;
import org.nsbi.model.ratio.RatioConvention;

/** Where a per-event ratio comes from. */
public sealed interface RatioSource extends java.io.Serializable permits RatioSource.Onnx, RatioSource.Column, RatioSource.Exact {

    /**
     * One ONNX network or an ensemble of them.
     *
     * @param files      resolved model paths (see {@link EventSource.Files#paths()}), one per member
     * @param convention what the networks output
     * @param average    how members are combined (default {@link EnsembleAverage#RATIO}, the mean of the
     *                   members' ratios)
     */
    record Onnx(List<String> files, RatioConvention convention, EnsembleAverage average) implements RatioSource {
        public Onnx {
            files = List.copyOf(files);
        }
    }

    /**
     * A column already present in the event data.
     *
     * @param column     the column name
     * @param convention what the column holds
     */
    record Column(String column, RatioConvention convention) implements RatioSource {
    }

    /**
     * An exact ratio of the off-shell toy, by the fixtures' ratio names ({@code ratio_SBI},
     * {@code syst_NI_ni_shape_up}, ...), times {@code scale} (1 unless a deliberately wrong model is wanted, as in
     * the negative control of a coverage check). The name is resolved by the simulator module, not here.
     */
    record Exact(String name, double scale) implements RatioSource {

        /** The exact ratio itself (scale 1). */
        public Exact(String name) {
            this(name, 1.0);
        }
    }
}
