package org.nsbi.model.analysis;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.nsbi.model.config.AnalysisConfig;
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
 * parameter of interest (narrowed to &mu; &ge; 0 by square roots, as MixtureModel checks).
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
        return MixtureModel.of(processes, nps, config.poi().name(), config.poi().min(), config.poi().max());
    }
}
