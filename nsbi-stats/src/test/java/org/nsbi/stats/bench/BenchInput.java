package org.nsbi.stats.bench;

import java.io.IOException;
import java.io.ObjectInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.function.DoubleSupplier;
import org.nsbi.stats.likelihood.TestModels;
import org.nsbi.stats.model.EventTable;
import org.nsbi.stats.model.MixtureModel;

/**
 * The model and reference sample of an engine benchmark, from its first two arguments: {@code synthetic [events]}
 * (the off-shell-like model of {@link TestModels} with that many random events) or a file written by nsbi-model's
 * {@code OffshellExactTable} (the off-shell toy with exact ratios).
 */
record BenchInput(MixtureModel model, EventTable reference, String what) {

    static BenchInput of(String[] args) throws IOException, ClassNotFoundException {
        if (args.length == 0 || args[0].equals("synthetic")) {
            int n = args.length > 1 ? Integer.parseInt(args[1]) : 1_000_000;
            MixtureModel model = TestModels.offshellLike();
            return new BenchInput(model, TestModels.randomEvents(model, n, 1),
                    "synthetic off-shell-like model (TestModels.offshellLike)");
        }
        try (ObjectInputStream in = new ObjectInputStream(Files.newInputStream(Path.of(args[0])))) {
            MixtureModel model = (MixtureModel) in.readObject();
            EventTable reference = (EventTable) in.readObject();
            return new BenchInput(model, reference, "off-shell toy with exact ratios (" + args[0] + ")");
        }
    }

    /** The median of {@code repeats} measurements. */
    static double median(int repeats, DoubleSupplier measurement) {
        double[] v = new double[repeats];
        for (int i = 0; i < repeats; i++) {
            v[i] = measurement.getAsDouble();
        }
        Arrays.sort(v);
        return v[repeats / 2];
    }
}
