package org.nsbi.model.offshell;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.nsbi.model.config.AnalysisConfig;
import org.nsbi.model.config.EventSource;

/**
 * How an analysis maps onto the off-shell toy (spec/offshell-toy.md), when it does: its processes and nuisance
 * parameters named like the toy's, its features (m, c, y). Then the simulator can draw every ratio's numerator
 * sample ({@link #sample}); and when, in addition, the reference is the toy's p_ref (simulated S, B and NI samples,
 * each event weighted &nu; / N), the exact ratios are the truth ({@link #exactName}).
 */
public final class ToyCorrespondence {

    private static final Set<String> REFERENCE_SAMPLES = Set.of("S", "B", "NI");

    private ToyCorrespondence() {
    }

    /** Null when the simulator can draw the analysis's samples, else the reason it cannot. */
    public static String whyNotSimulable(AnalysisConfig config) {
        if (!config.features().equals(Arrays.asList(OffshellEvents.FEATURES))) {
            return "the features " + config.features() + " are not the toy's " + Arrays.toString(OffshellEvents.FEATURES);
        }
        for (var p : config.processes()) {
            if (!isProcess(p.name())) {
                return "process " + p.name() + " is not one of the toy's " + Arrays.toString(OffshellProcess.values());
            }
        }
        for (var s : config.systematics()) {
            if (Arrays.stream(OffshellNuisance.values()).noneMatch(n -> n.key().equals(s.name()))) {
                return "nuisance parameter " + s.name() + " is not one of the toy's";
            }
        }
        return null;
    }

    /** Null when the exact ratios are the truth of the analysis's ratios, else the reason they are not. */
    public static String whyNoTruth(AnalysisConfig config) {
        String notToy = whyNotSimulable(config);
        if (notToy != null) {
            return notToy;
        }
        List<EventSource> ref = config.reference();
        Set<String> samples = new HashSet<>();
        for (EventSource s : ref) {
            if (!(s instanceof EventSource.Simulated sim)) {
                return "the reference sample " + s.name() + " is not drawn by the simulator";
            }
            samples.add(sim.sample());
        }
        if (ref.size() != REFERENCE_SAMPLES.size() || !samples.equals(REFERENCE_SAMPLES)) {
            return "the reference is the simulated samples " + samples + ", not the toy's p_ref (S, B and NI)";
        }
        return null;
    }

    /** The simulator's sample of a process ({@code dir} 0) or of a process varied by a nuisance parameter (&plusmn;1). */
    public static String sample(String process, String nuisance, int dir) {
        OffshellProcess p = OffshellProcess.valueOf(process);
        return (dir == 0 ? OffshellSample.nominal(p) : OffshellSample.varied(p, OffshellNuisance.byKey(nuisance), dir))
                .name();
    }

    /** The exact ratio's name ({@link OffshellExactRatios}) of a process ratio or a shape ratio. */
    public static String exactName(String process, String nuisance, int dir) {
        String name = dir == 0 ? "ratio_" + process : "syst_" + process + "_" + nuisance + (dir > 0 ? "_up" : "_down");
        OffshellExactRatios.byName(name);
        return name;
    }

    private static boolean isProcess(String name) {
        return Arrays.stream(OffshellProcess.values()).anyMatch(p -> p.name().equals(name));
    }
}
