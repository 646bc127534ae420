package org.nsbi.model.config;

import static org.nsbi.model.config.ConfigProblems.child;
import static org.nsbi.model.config.ConfigProblems.found;
import static org.nsbi.model.config.ConfigProblems.index;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code training} section: the network settings and the ratios to train (process ratios against the
 * reference, systematic ratios against each process's nominal sample). Process and systematic names are checked
 * against the config's {@code processes} and {@code systematics}, read leniently (the rest of the analysis is not
 * validated here).
 */
final class TrainingReader {

    private final ConfigProblems p;
    private final SamplesReader samples;

    private TrainingReader(ConfigProblems problems, ConfigPaths paths) {
        this.p = problems;
        this.samples = new SamplesReader(problems, paths, null);
    }

    /**
     * The training config, or null with problems.
     *
     * @param top      the config's top level
     * @param features the config's features, read by {@link FeaturesReader}; null if unreadable
     * @param fileName the config file, for messages
     */
    static TrainingConfig read(ConfigProblems p, ConfigPaths paths, JsonNode top, List<String> features,
                               String fileName) {
        return new TrainingReader(p, paths).training(top, features, fileName);
    }

    private TrainingConfig training(JsonNode top, List<String> features, String fileName) {
        List<String> knownProcesses = namesOf(top.get("processes"));
        List<String> knownSystematics = namesOf(top.get("systematics"));
        String tp = "training";
        JsonNode t = p.mapping(top.get(tp), tp, "ensemble", "hidden_layers", "max_iterations", "events", "seed",
                "reference", "processes", "systematics");
        if (t == null) {
            return null;
        }
        Long ensemble = p.whole(t, "ensemble", tp, 1);
        List<Integer> hidden = hiddenLayers(t, tp);
        Long maxIterations = p.whole(t, "max_iterations", tp, 1);
        Long events = p.whole(t, "events", tp, 1);
        Long seed = p.whole(t, "seed", tp, 0);
        List<TrainingConfig.Ratio> ratios = new ArrayList<>();
        boolean ok = trainedProcesses(t, top, knownProcesses, ratios) & trainedSystematics(t, knownProcesses,
                knownSystematics, ratios);
        if (ok && ratios.isEmpty()) {
            p.add(tp, "expected at least one ratio to train (training.processes or training.systematics), found"
                    + " none");
        }
        if (!p.all().isEmpty() || features == null || ensemble == null || hidden == null || maxIterations == null
                || events == null || seed == null || !ok) {
            return null;
        }
        if (ensemble > 1000 || maxIterations > Integer.MAX_VALUE) {
            p.add(tp, "expected ensemble <= 1000 and max_iterations <= " + Integer.MAX_VALUE + ", found "
                    + ensemble + " and " + maxIterations);
            return null;
        }
        return new TrainingConfig(fileName, features, new TrainingConfig.Settings(ensemble.intValue(), hidden,
                maxIterations.intValue(), events, seed), ratios);
    }

    /** The {@code name} values of a list of mappings, read leniently (null if absent or unreadable). */
    private static List<String> namesOf(JsonNode list) {
        if (list == null || !list.isArray()) {
            return null;
        }
        List<String> names = new ArrayList<>();
        for (JsonNode n : list) {
            if (n.isObject() && n.hasNonNull("name")) {
                names.add(n.get("name").asText());
            }
        }
        return names;
    }

    private List<Integer> hiddenLayers(JsonNode t, String tp) {
        List<JsonNode> nodes = p.list(t, "hidden_layers", tp, "a list of hidden layer sizes", true);
        if (nodes == null) {
            return null;
        }
        String path = child(tp, "hidden_layers");
        if (nodes.isEmpty()) {
            p.add(path, "expected at least one hidden layer size, found an empty list");
            return null;
        }
        List<Integer> sizes = new ArrayList<>();
        for (int i = 0; i < nodes.size(); i++) {
            JsonNode n = nodes.get(i);
            if (!n.canConvertToInt() || !n.isIntegralNumber() || n.intValue() < 1) {
                p.add(index(path, i), "expected a layer size, a whole number >= 1, found " + found(n));
                continue;
            }
            sizes.add(n.intValue());
        }
        return sizes.size() == nodes.size() ? sizes : null;
    }

    /** training.processes: {process, samples} each, r_c = p_c / p_ref against the reference. */
    private boolean trainedProcesses(JsonNode t, JsonNode top, List<String> known, List<TrainingConfig.Ratio> out) {
        if (!t.has("processes")) {
            return true;
        }
        List<JsonNode> nodes = p.list(t, "processes", "training", "a list of {process, samples}", false);
        if (nodes == null) {
            return false;
        }
        List<EventSource> reference = t.has("reference") ? samples.read(t, "reference", "training")
                : top.has("reference") ? samples.read(top, "reference") : null;
        if (reference == null && !t.has("reference") && !top.has("reference") && !nodes.isEmpty()) {
            p.add("training.reference", "missing; expected the reference samples (label 0 of the process"
                    + " ratios), here or as the config's reference");
        }
        boolean ok = reference != null || nodes.isEmpty();
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < nodes.size(); i++) {
            String path = index("training.processes", i);
            JsonNode c = p.mapping(nodes.get(i), path, "process", "samples");
            if (c == null) {
                ok = false;
                continue;
            }
            String process = knownName(c, "process", path, known, "processes");
            if (process != null) {
                Integer first = seen.putIfAbsent(process, i);
                if (first != null) {
                    p.add(child(path, "process"), "expected each process once, found '" + process
                            + "' again (first at " + index("training.processes", first) + ")");
                }
            }
            List<EventSource> processSamples = samples.read(c, "samples", path);
            if (process == null || processSamples == null || reference == null) {
                ok = false;
                continue;
            }
            out.add(new TrainingConfig.Ratio("ratio_" + process, process, null, 0, processSamples, reference));
        }
        return ok;
    }

    /** training.systematics: {name, process, nominal, up, down} each, p_c(x | ±1) / p_c(x). */
    private boolean trainedSystematics(JsonNode t, List<String> knownProcesses, List<String> knownSystematics,
                                       List<TrainingConfig.Ratio> out) {
        if (!t.has("systematics")) {
            return true;
        }
        List<JsonNode> nodes = p.list(t, "systematics", "training",
                "a list of {name, process, nominal, up, down}", false);
        if (nodes == null) {
            return false;
        }
        boolean ok = true;
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < nodes.size(); i++) {
            String path = index("training.systematics", i);
            JsonNode e = p.mapping(nodes.get(i), path, "name", "process", "nominal", "up", "down");
            if (e == null) {
                ok = false;
                continue;
            }
            String name = knownName(e, "name", path, knownSystematics, "systematics");
            String process = knownName(e, "process", path, knownProcesses, "processes");
            if (name != null && process != null) {
                Integer first = seen.putIfAbsent(name + "/" + process, i);
                if (first != null) {
                    p.add(path, "expected each (name, process) once, found (" + name + ", " + process
                            + ") again (first at " + index("training.systematics", first) + ")");
                }
            }
            List<EventSource> nominal = samples.read(e, "nominal", path);
            List<EventSource> up = samples.read(e, "up", path);
            List<EventSource> down = samples.read(e, "down", path);
            if (name == null || process == null || nominal == null || up == null || down == null) {
                ok = false;
                continue;
            }
            String base = "syst_" + process + "_" + name;
            out.add(new TrainingConfig.Ratio(base + "_up", process, name, 1, up, nominal));
            out.add(new TrainingConfig.Ratio(base + "_down", process, name, -1, down, nominal));
        }
        return ok;
    }

    /** A name that, when the config lists {@code listKey}, must be one of {@code known}. */
    private String knownName(JsonNode node, String key, String path, List<String> known, String listKey) {
        String name = p.string(node, key, path, true);
        if (name != null && known != null && !known.contains(name)) {
            p.add(child(path, key), "expected one of the config's " + listKey + " (" + String.join(", ", known)
                    + "), found '" + name + "'");
            return null;
        }
        return name;
    }
}
