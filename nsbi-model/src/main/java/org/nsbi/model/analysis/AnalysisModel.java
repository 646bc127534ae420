package org.nsbi.model.analysis;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.nsbi.model.config.AnalysisConfig;
import org.nsbi.model.config.ConfigException;
import org.nsbi.model.config.ProcessSpec;
import org.nsbi.model.config.Systematic;
import org.nsbi.model.config.SystematicEffect;
import org.nsbi.stats.expr.Coefficient;
import org.nsbi.stats.model.MixtureModel;
import org.nsbi.stats.model.Process;

/**
 * Turns a validated analysis config into nsbi-stats' {@link MixtureModel}: processes in the config's
 * order, nuisance parameters in the order of {@code systematics}, yield factors &kappa;&plusmn; where an
 * effect gives them (1 elsewhere), a shape flag where an effect gives ratios, and the range of the
 * parameter of interest (narrowed to &mu; &ge; 0 by square roots, as MixtureModel checks), and the nuisance
 * parameters' bounds ({@code bounds: [lo, hi]}, default [&minus;5, 5]), and which parameters' shapes are normalised
 * ({@code shape_normalisation: per_event}; the model then needs its reference sample,
 * {@link MixtureModel#withShapeNormalisationFrom}, before it is evaluated).
 *
 * <p>Every point of the Neyman grid must expect some events at the nominal point,
 * &nu;(&mu;, 0) = &Sigma;_c &nu;_c f_c(&mu;) &gt; 0: where it is not, the Asimov weights sum to zero and no
 * pseudo-experiment can be drawn, so the config is refused with the grid point and each process's term.
 */
public final class AnalysisModel {

    private AnalysisModel() {
    }

    public static MixtureModel mixture(AnalysisConfig config) {
        List<String> nps = config.systematics().stream().map(Systematic::name).toList();
        List<Process> processes = new ArrayList<>();
        for (ProcessSpec p : config.processes()) {
            double[] up = new double[nps.size()];
            double[] down = new double[nps.size()];
            Arrays.fill(up, 1);
            Arrays.fill(down, 1);
            boolean[] shape = new boolean[nps.size()];
            for (int k = 0; k < nps.size(); k++) {
                for (SystematicEffect e : config.systematics().get(k).effects()) {
                    if (e.process().equals(p.name())) {
                        int kk = k;
                        e.yields().ifPresent(y -> {
                            up[kk] = y.up();
                            down[kk] = y.down();
                        });
                        shape[k] = e.hasShape();
                    }
                }
            }
            processes.add(new Process(p.name(), p.yield(), Coefficient.parse(p.coefficient(), config.poi().name()),
                    up, down, shape));
        }
        double[] low = config.systematics().stream().mapToDouble(Systematic::low).toArray();
        double[] high = config.systematics().stream().mapToDouble(Systematic::high).toArray();
        boolean[] normalised = new boolean[nps.size()];
        for (int k = 0; k < nps.size(); k++) {
            normalised[k] = config.systematics().get(k).normalisedShape();
        }
        MixtureModel model = MixtureModel.of(processes, nps, config.poi().name(), config.poi().min(), config.poi().max())
                .withNuisanceBounds(low, high).withNormalisedShapes(normalised);
        checkGrid(config, model);
        return model;
    }

    /** Refuses a grid point &mu; with &nu;(&mu;, 0) = &Sigma;_c &nu;_c f_c(&mu;) &le; 0 (or not a number). */
    private static void checkGrid(AnalysisConfig config, MixtureModel model) {
        List<String> problems = new ArrayList<>();
        double[] nominal = new double[model.nuisanceCount()];
        List<Double> grid = config.neyman().muGrid();
        for (int i = 0; i < grid.size(); i++) {
            double mu = grid.get(i);
            double nu = model.expectedYield(mu, nominal);
            if (!(nu > 0)) {
                StringBuilder terms = new StringBuilder();
                for (Process p : model.processes()) {
                    terms.append(terms.length() == 0 ? "" : ", ").append(p.name()).append(": ").append(p.yield())
                            .append(" x (").append(p.coefficient().text()).append(") = ")
                            .append(p.yield() * p.coefficient().value(mu));
                }
                problems.add(config.file() + ": neyman.mu_grid[" + i + "]: expected a " + config.poi().name()
                        + " at which some events are expected (nu = sum of yield x coefficient > 0), found "
                        + config.poi().name() + " = " + mu + " with nu = " + nu + " (" + terms
                        + "): the total Asimov weight is zero there and no pseudo-experiment can be drawn");
            }
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
    }
}
