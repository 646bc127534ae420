package org.nsbi.model.config;

import static org.nsbi.model.config.ConfigProblems.child;
import static org.nsbi.model.config.ConfigProblems.index;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A list of samples ({@code reference}, {@code observed}, the training samples): each a name with files (and
 * format, weight) or {@code simulate}. Only observed samples may be drawn at a truth ({@code simulate: {mu, alpha,
 * seed}}); their {@code alpha} names nuisance parameters, checked against {@code nuisanceNames} (null: not
 * checked).
 */
final class SamplesReader {

    private final ConfigProblems p;
    private final ConfigPaths paths;
    private final List<String> nuisanceNames;

    SamplesReader(ConfigProblems problems, ConfigPaths paths, List<String> nuisanceNames) {
        this.p = problems;
        this.paths = paths;
        this.nuisanceNames = nuisanceNames;
    }

    /** The samples of a top-level key. */
    List<EventSource> read(JsonNode top, String key) {
        return read(top, key, "");
    }

    /** The list of samples at {@code parent.key}; {@code parentPath} is the parent's key path. */
    List<EventSource> read(JsonNode parent, String key, String parentPath) {
        String listPath = child(parentPath, key);
        List<JsonNode> nodes = p.list(parent, key, parentPath, "a list of samples (name and files or simulate)",
                false);
        if (nodes == null) {
            return null;
        }
        if (nodes.isEmpty()) {
            p.add(listPath, "expected at least one sample, found an empty list");
        }
        List<EventSource> out = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < nodes.size(); i++) {
            String path = index(listPath, i);
            JsonNode s = p.mapping(nodes.get(i), path, "name", "files", "format", "weight", "simulate");
            if (s == null) {
                continue;
            }
            String name = p.string(s, "name", path, true);
            if (name != null) {
                Integer first = seen.putIfAbsent(name, i);
                if (first != null) {
                    p.add(child(path, "name"), "expected a unique sample name, found '" + name + "' again (first at "
                            + index(listPath, first) + ")");
                }
            }
            EventSource source = s.has("simulate") ? simulated(s, path, name) : fileSource(s, path, name);
            if (source != null) {
                out.add(source);
            }
        }
        return out;
    }

    private EventSource simulated(JsonNode s, String path, String name) {
        for (String k : new String[]{"files", "format", "weight"}) {
            if (s.has(k)) {
                p.add(child(path, k), "expected either files or simulate, found both (" + k + " is for files)");
            }
        }
        String sp = child(path, "simulate");
        if (s.get("simulate") != null && s.get("simulate").has("mu")) {
            return simulatedObservation(s.get("simulate"), sp, path, name);
        }
        JsonNode sim = p.mapping(s.get("simulate"), sp, "sample", "events", "seed");
        if (sim == null) {
            return null;
        }
        String sample = p.string(sim, "sample", sp, true);
        Long events = p.whole(sim, "events", sp, 1);
        Long seed = p.whole(sim, "seed", sp, 0);
        if (name == null || sample == null || events == null || seed == null) {
            return null;
        }
        return new EventSource.Simulated(name, sample, events, seed);
    }

    /** {@code simulate: {mu, alpha: {name: value}, seed}}: observed data drawn at a truth; only in observed. */
    private EventSource simulatedObservation(JsonNode simNode, String sp, String path, String name) {
        if (!path.startsWith("observed")) {
            p.add(child(sp, "mu"), "expected sample, events and seed (a truth mu is only for observed data)");
            return null;
        }
        JsonNode sim = p.mapping(simNode, sp, "mu", "alpha", "seed");
        if (sim == null) {
            return null;
        }
        Double mu = p.number(sim, "mu", sp);
        if (mu != null && !(mu >= 0)) {
            p.add(child(sp, "mu"), "expected a true mu >= 0, found " + mu);
            mu = null;
        }
        Map<String, Double> alpha = NuisanceValuesReader.read(p, sim.get("alpha"), child(sp, "alpha"),
                "a true value", nuisanceNames);
        Long seed = p.whole(sim, "seed", sp, 0);
        if (name == null || mu == null || seed == null) {
            return null;
        }
        return new EventSource.SimulatedObservation(name, mu, alpha, seed);
    }

    private EventSource fileSource(JsonNode s, String path, String name) {
        List<JsonNode> nodes = p.list(s, "files", path, "a path or a list of paths (or simulate)", true);
        if (nodes == null) {
            return null;
        }
        List<String> resolved = paths.read(p, nodes, child(path, "files"), "an existing data file or folder");
        EventSource.Format format = format(s, path, resolved);
        String weight = p.string(s, "weight", path, false);
        if (name == null || resolved == null || format == null) {
            return null;
        }
        return new EventSource.Files(name, resolved, format, weight);
    }

    private EventSource.Format format(JsonNode s, String path, List<String> files) {
        String stated = p.string(s, "format", path, false);
        if (stated != null) {
            try {
                return EventSource.Format.valueOf(stated.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                p.add(child(path, "format"), "expected parquet or csv, found '" + stated + "'");
                return null;
            }
        }
        if (files == null || files.isEmpty()) {
            return null;
        }
        for (EventSource.Format f : EventSource.Format.values()) {
            String ext = "." + f.name().toLowerCase(Locale.ROOT);
            if (files.stream().allMatch(x -> x.toLowerCase(Locale.ROOT).endsWith(ext))) {
                return f;
            }
        }
        p.add(child(path, "format"), "missing; expected parquet or csv (the file names do not all end in"
                + " .parquet or all in .csv)");
        return null;
    }
}
