package org.nsbi.stats.fit;

import java.util.List;
import org.nsbi.stats.expr.Coefficient;
import org.nsbi.stats.likelihood.Nll;
import org.nsbi.stats.model.EventTable;
import org.nsbi.stats.model.MixtureModel;
import org.nsbi.stats.model.Process;

/** A test data set: two groups of identical events whose NLL in mu has two minima, ~1.23 (lower) and ~6.85. */
public final class TwoMinimaNll {

    private TwoMinimaNll() {
    }

    public static Nll of() {
        MixtureModel model = MixtureModel.of(List.of(
                Process.unaffected("S", 35, Coefficient.parse("mu - sqrt(mu)"), 0),
                Process.unaffected("SBI", 142, Coefficient.parse("sqrt(mu)"), 0),
                Process.unaffected("B", 150, Coefficient.parse("1 - sqrt(mu)"), 0),
                Process.unaffected("NI", 400, Coefficient.parse("1"), 0)), List.of(), "mu", Double.NaN, 10);
        float[][] r = {{2.4153514569941024f, 2.2092905430401615f}, {0.2594911937719352f, 2.3189460127453416f},
                {1.873169697626169f, 0.5800380614574667f}, {0.6131194196838731f, 1.3104117977400762f}};
        EventTable events = EventTable.of(model, new float[] {1, 1}, r, null, null);
        return Nll.of(model, events, new double[] {110, 246}, new double[0]);
    }
}
