package org.nsbi.model.config;

import static org.nsbi.model.config.ConfigProblems.child;
import static org.nsbi.model.config.ConfigProblems.found;
import static org.nsbi.model.config.ConfigProblems.index;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.nsbi.model.UserError;
import org.nsbi.model.onnx.BadRatioPolicy;
import org.nsbi.model.onnx.EnsembleAverage;
import org.nsbi.model.onnx.RatioConvention;

/**
 * Reads and validates an analysis config (format: {@code nsbi-model/CONFIG.md}) before any work starts. Every
 * problem is collected and reported at once in one {@link ConfigException}, each as
 * {@code <file>: <key.path>: <what was expected, what was found>}: unknown keys, missing keys, wrong types,
 * missing files, ONNX networks whose input width differs from the feature list, duplicate names, systematics
 * naming unknown processes, an empty &mu; grid, confidence levels outside (0, 1), and more.
 *
 * <p>Relative paths are resolved against the config file's folder; absolute paths and URLs with a scheme
 * ({@code hdfs://...}) are used as written. Local files are checked through {@link FileAccess#LOCAL}; the Spark
 * layer passes a Hadoop-backed {@link FileAccess} to check remote ones. Coefficient expressions are checked by
 * the {@link CoefficientValidator} passed in (nsbi-stats' parser; {@link CoefficientValidator#NOT_VALIDATED_HERE}
 * by default).
 */
public final class AnalysisConfigParser {

    private static final YAMLMapper YAML = YAMLMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION).build();

    /** The keys of a config's top level. */
    private static final String[] TOP_KEYS = {"features", "reference", "processes", "systematics", "poi", "neyman",
        "observed", "observed_aux", "bad_ratios", "normalise_ratios", "training"};

    private final FileAccess files;
    private final CoefficientValidator coefficients;

    private AnalysisConfigParser(FileAccess files, CoefficientValidator coefficients) {
        this.files = files;
        this.coefficients = coefficients;
    }

    /** Local file checks, coefficients not validated here. */
    public static AnalysisConfigParser withDefaults() {
        return new AnalysisConfigParser(FileAccess.LOCAL, CoefficientValidator.STATS_PARSER);
    }

    /** A copy that checks files through {@code access}. */
    public AnalysisConfigParser withFileAccess(FileAccess access) {
        return new AnalysisConfigParser(access, coefficients);
    }

    /** A copy that validates coefficient expressions with {@code validator}. */
    public AnalysisConfigParser withCoefficientValidator(CoefficientValidator validator) {
        return new AnalysisConfigParser(files, validator);
    }

    /** Reads and validates a local config file; relative paths in it are relative to its folder. */
    public AnalysisConfig parse(Path file) {
        return parse(read(file), file.toString(), file.toAbsolutePath().getParent().toString());
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new ConfigException(List.of(file + ": cannot read the config file: " + e.getMessage()));
        }
    }

    private static JsonNode tree(String yaml, String fileName) {
        try {
            return YAML.readTree(yaml);
        } catch (JacksonException e) {
            String where = e.getLocation() == null ? "" : "line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + ": ";
            throw new ConfigException(List.of(fileName + ": " + where + "not valid YAML: " + e.getOriginalMessage()));
        }
    }

    /**
     * Reads and validates config text.
     *
     * @param yaml     the YAML text
     * @param fileName the file name used in messages
     * @param baseDir  the folder relative paths are resolved against (local path or URL)
     * @throws ConfigException listing every problem
     */
    public AnalysisConfig parse(String yaml, String fileName, String baseDir) {
        return validated(yaml, fileName, baseDir, (reading, root) -> reading.config(root, fileName));
    }

    /**
     * Reads and validates the {@code training} section of a local config file (with its {@code features} and, for
     * process ratios, its {@code reference}); the rest of the analysis is not validated here.
     */
    public TrainingConfig parseTraining(Path file) {
        return parseTraining(read(file), file.toString(), file.toAbsolutePath().getParent().toString());
    }

    /** As {@link #parseTraining(Path)}, from config text; arguments as for {@link #parse(String, String, String)}. */
    public TrainingConfig parseTraining(String yaml, String fileName, String baseDir) {
        return validated(yaml, fileName, baseDir, (reading, root) -> reading.trainingConfig(root, fileName));
    }

    /** Reads one part of a config with one {@link Reading}; throws every problem found at once. */
    private <T> T validated(String yaml, String fileName, String baseDir,
                            java.util.function.BiFunction<Reading, JsonNode, T> part) {
        ConfigProblems problems = new ConfigProblems(fileName);
        JsonNode root = tree(yaml, fileName);
        T config = part.apply(new Reading(problems, baseDir), root);
        if (!problems.all().isEmpty()) {
            throw new ConfigException(problems.all());
        }
        return config;
    }

    /** One reading of one file: the problems found so far and the folder paths are relative to. */
    private final class Reading {
        private final ConfigProblems p;
        private final String baseDir;
        private List<String> features;
        /** Every process name read, even of processes with other problems; null if some name is unreadable. */
        private List<String> processNames;
        /** The nuisance parameters' names, once read; null if unreadable. */
        private List<String> nuisanceNames;
        /** The ONNX networks named by the ratio sources read, for {@link OnnxWidthCheck} after the reading. */
        private final List<OnnxWidthCheck.Named> networks = new ArrayList<>();

        Reading(ConfigProblems problems, String baseDir) {
            this.p = problems;
            this.baseDir = baseDir;
        }

        AnalysisConfig config(JsonNode root, String fileName) {
            JsonNode top = p.mapping(root, "(top level)", TOP_KEYS);
            if (top == null) {
                return null;
            }
            features = features(top);
            List<EventSource> reference = sources(top, "reference");
            List<ProcessSpec> processes = processes(top);
            Poi poi = poi(top);
            List<Systematic> systematics = systematics(top);
            NeymanSettings neyman = neyman(top, poi);
            nuisanceNames = systematics == null ? null : systematics.stream().map(Systematic::name).toList();
            List<EventSource> observed = sources(top, "observed");
            BadRatioPolicy badRatios = badRatios(top);
            boolean normaliseRatios = normaliseRatios(top);
            JsonNode observedNodes = top.get("observed");
            boolean observedComplete = observed != null && observedNodes != null && observedNodes.isArray()
                    && observed.size() == observedNodes.size();
            Map<String, Double> observedAux = observedAux(top.get("observed_aux"), observedComplete ? observed : null);
            if (features != null) {
                OnnxWidthCheck.check(features, networks, files, p);
            }
            if (poi != null && processes != null) {
                for (int i = 0; i < processes.size(); i++) {
                    ProcessSpec c = processes.get(i);
                    if (c != null && c.coefficient() != null) {
                        for (String problem : coefficients.problems(c.coefficient(), poi.name())) {
                            p.add(child(index("processes", i), "coefficient"), problem);
                        }
                    }
                }
            }
            if (!p.all().isEmpty()) {
                return null;
            }
            return new AnalysisConfig(fileName, features, reference, processes, systematics, poi, neyman, observed,
                    badRatios, observedAux, normaliseRatios);
        }

        /** {@code normalise_ratios}: true or false (default). */
        private boolean normaliseRatios(JsonNode top) {
            JsonNode n = top.get("normalise_ratios");
            if (n == null || n.isNull()) {
                return false;
            }
            if (!n.isBoolean()) {
                p.add("normalise_ratios", "expected true or false, found " + n);
                return false;
            }
            return n.booleanValue();
        }

        TrainingConfig trainingConfig(JsonNode root, String fileName) {
            JsonNode top = p.mapping(root, "(top level)", TOP_KEYS);
            if (top == null) {
                return null;
            }
            features = features(top);
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
        private List<String> namesOf(JsonNode list) {
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
        private boolean trainedProcesses(JsonNode t, JsonNode top, List<String> known,
                                         List<TrainingConfig.Ratio> out) {
            if (!t.has("processes")) {
                return true;
            }
            List<JsonNode> nodes = p.list(t, "processes", "training", "a list of {process, samples}", false);
            if (nodes == null) {
                return false;
            }
            List<EventSource> reference = t.has("reference") ? sources(t, "reference", "training")
                    : top.has("reference") ? sources(top, "reference") : null;
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
                List<EventSource> samples = sources(c, "samples", path);
                if (process == null || samples == null || reference == null) {
                    ok = false;
                    continue;
                }
                out.add(new TrainingConfig.Ratio("ratio_" + process, process, null, 0, samples, reference));
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
                List<EventSource> nominal = sources(e, "nominal", path);
                List<EventSource> up = sources(e, "up", path);
                List<EventSource> down = sources(e, "down", path);
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

        private List<String> features(JsonNode top) {
            List<JsonNode> nodes = p.list(top, "features", "", "a list of feature names", false);
            if (nodes == null) {
                return null;
            }
            if (nodes.isEmpty()) {
                p.add("features", "expected at least one feature name, found an empty list");
                return null;
            }
            List<String> names = new ArrayList<>();
            Map<String, Integer> seen = new HashMap<>();
            for (int i = 0; i < nodes.size(); i++) {
                String name = p.stringValue(nodes.get(i), index("features", i));
                if (name != null) {
                    unique(seen, name, index("features", i), "feature name", "features");
                    names.add(name);
                }
            }
            return names.size() == nodes.size() ? names : null;
        }

        private void unique(Map<String, Integer> seen, String name, String path, String what, String listPath) {
            Integer first = seen.putIfAbsent(name, seen.size());
            if (first != null) {
                p.add(path, "expected a unique " + what + ", found '" + name + "' again (first at "
                        + index(listPath, first) + ")");
            }
        }

        private List<EventSource> sources(JsonNode top, String key) {
            return sources(top, key, "");
        }

        /** The list of samples at {@code parent.key}; {@code parentPath} is the parent's key path. */
        private List<EventSource> sources(JsonNode parent, String key, String parentPath) {
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
            Map<String, Double> alpha = namedNumbers(sim.get("alpha"), child(sp, "alpha"), "a true value");
            Long seed = p.whole(sim, "seed", sp, 0);
            if (name == null || mu == null || seed == null) {
                return null;
            }
            return new EventSource.SimulatedObservation(name, mu, alpha, seed);
        }

        /**
         * observed_aux: a value per nuisance parameter, or {@code nominal} (every a_k = 0, said explicitly). For
         * observed data from files every parameter needs one (a missing one is never silently 0); data drawn by
         * the simulator at a truth bring their own draws, which observed_aux overrides where given. {@code observed}
         * is null when it did not parse completely (then only the values are checked).
         */
        private Map<String, Double> observedAux(JsonNode node, List<EventSource> observed) {
            if (nuisanceNames == null) {
                return new LinkedHashMap<>();
            }
            if (node != null && node.isTextual() && node.asText().strip().equals("nominal")) {
                Map<String, Double> nominal = new LinkedHashMap<>();
                nuisanceNames.forEach(n -> nominal.put(n, 0.0));
                return nominal;
            }
            if (node != null && node.isValueNode()) {
                p.add("observed_aux", "expected a mapping from nuisance parameter names to numbers, or 'nominal', found "
                        + found(node));
                return new LinkedHashMap<>();
            }
            Map<String, Double> aux = namedNumbers(node, "observed_aux", "an auxiliary measurement");
            boolean simulated = observed != null
                    && observed.stream().anyMatch(o -> o instanceof EventSource.SimulatedObservation);
            List<String> missing = nuisanceNames.stream().filter(n -> !aux.containsKey(n)).toList();
            if (observed != null && !simulated && !missing.isEmpty() && (node == null || node.isObject())) {
                p.add("observed_aux", (node == null ? "missing" : "no value for " + String.join(", ", missing))
                        + "; expected the auxiliary measurement of every nuisance parameter of the file-based observed data ("
                        + String.join(", ", nuisanceNames) + "), e.g. {" + nuisanceNames.get(0)
                        + ": 0.0, ...}, or 'observed_aux: nominal' for all 0");
            }
            return aux;
        }

        /**
         * A mapping from nuisance parameter names to numbers (observed_aux, a simulated truth's alpha); every
         * name must be a nuisance parameter of the config. Absent: an empty map.
         */
        private Map<String, Double> namedNumbers(JsonNode node, String path, String what) {
            Map<String, Double> out = new LinkedHashMap<>();
            if (node == null || nuisanceNames == null) {
                return out;
            }
            if (!node.isObject()) {
                p.add(path, "expected a mapping from nuisance parameter names to numbers, found " + found(node));
                return out;
            }
            List<String> known = nuisanceNames;
            node.fields().forEachRemaining(e -> {
                String kp = child(path, e.getKey());
                if (!known.contains(e.getKey())) {
                    p.add(kp, "expected " + what + " of a nuisance parameter (" + String.join(", ", known)
                            + "), found unknown name '" + e.getKey() + "'");
                    return;
                }
                Double v = p.numberValue(e.getValue(), kp);
                if (v != null) {
                    out.put(e.getKey(), v);
                }
            });
            return out;
        }

        private EventSource fileSource(JsonNode s, String path, String name) {
            List<JsonNode> nodes = p.list(s, "files", path, "a path or a list of paths (or simulate)", true);
            if (nodes == null) {
                return null;
            }
            List<String> paths = paths(nodes, child(path, "files"), "an existing data file or folder");
            EventSource.Format format = format(s, path, paths);
            String weight = p.string(s, "weight", path, false);
            if (name == null || paths == null || format == null) {
                return null;
            }
            return new EventSource.Files(name, paths, format, weight);
        }

        private EventSource.Format format(JsonNode s, String path, List<String> paths) {
            String stated = p.string(s, "format", path, false);
            if (stated != null) {
                try {
                    return EventSource.Format.valueOf(stated.toUpperCase(Locale.ROOT));
                } catch (IllegalArgumentException e) {
                    p.add(child(path, "format"), "expected parquet or csv, found '" + stated + "'");
                    return null;
                }
            }
            if (paths == null || paths.isEmpty()) {
                return null;
            }
            for (EventSource.Format f : EventSource.Format.values()) {
                String ext = "." + f.name().toLowerCase(Locale.ROOT);
                if (paths.stream().allMatch(x -> x.toLowerCase(Locale.ROOT).endsWith(ext))) {
                    return f;
                }
            }
            p.add(child(path, "format"), "missing; expected parquet or csv (the file names do not all end in"
                    + " .parquet or all in .csv)");
            return null;
        }

        /** Resolves and checks paths; null if any is missing or invalid. */
        private List<String> paths(List<JsonNode> nodes, String path, String what) {
            if (nodes.isEmpty()) {
                p.add(path, "expected at least one path, found an empty list");
                return null;
            }
            List<String> out = new ArrayList<>();
            for (int i = 0; i < nodes.size(); i++) {
                String ip = nodes.size() == 1 && !path.endsWith("]") ? path : index(path, i);
                String raw = p.stringValue(nodes.get(i), ip);
                if (raw == null) {
                    continue;
                }
                String resolved = resolve(raw);
                if (files.handles(resolved) && !files.exists(resolved)) {
                    p.add(ip, "expected " + what + ", found no file at " + resolved);
                    continue;
                }
                out.add(resolved);
            }
            return out.size() == nodes.size() ? out : null;
        }

        private String resolve(String raw) {
            if (FileAccess.URL.matcher(raw).matches()) {
                return raw;
            }
            if (FileAccess.URL.matcher(baseDir).matches()) {
                return baseDir.endsWith("/") ? baseDir + raw : baseDir + "/" + raw;
            }
            return Path.of(baseDir).resolve(raw).normalize().toString();
        }

        private List<ProcessSpec> processes(JsonNode top) {
            List<JsonNode> nodes = p.list(top, "processes", "", "a list of processes", false);
            if (nodes == null) {
                return null;
            }
            if (nodes.isEmpty()) {
                p.add("processes", "expected at least one process, found an empty list");
            }
            List<ProcessSpec> out = new ArrayList<>();
            Map<String, Integer> seen = new LinkedHashMap<>();
            processNames = new ArrayList<>();
            for (int i = 0; i < nodes.size(); i++) {
                String path = index("processes", i);
                JsonNode c = p.mapping(nodes.get(i), path, "name", "yield", "coefficient", "ratio");
                if (c == null) {
                    out.add(null);
                    processNames = null;
                    continue;
                }
                String name = p.string(c, "name", path, true);
                if (name != null) {
                    unique(seen, name, child(path, "name"), "process name", "processes");
                    if (processNames != null) {
                        processNames.add(name);
                    }
                } else {
                    processNames = null;
                }
                Double yield = p.positive(c, "yield", path);
                String coefficient = p.string(c, "coefficient", path, true);
                RatioSource ratio = ratioSource(c.get("ratio"), child(path, "ratio"));
                out.add(name == null || yield == null || coefficient == null || ratio == null ? null
                        : new ProcessSpec(name, yield, coefficient, ratio));
            }
            return out;
        }

        private RatioSource ratioSource(JsonNode node, String path) {
            JsonNode r = p.mapping(node, path, "onnx", "column", "exact", "output", "average", "scale");
            if (r == null) {
                return null;
            }
            List<String> kinds = new ArrayList<>();
            for (String k : new String[]{"onnx", "column", "exact"}) {
                if (r.has(k)) {
                    kinds.add(k);
                }
            }
            if (kinds.size() != 1) {
                p.add(path, "expected exactly one of onnx, column, exact, found "
                        + (kinds.isEmpty() ? "none" : String.join(" and ", kinds)));
                return null;
            }
            if (!kinds.get(0).equals("exact") && r.has("scale")) {
                p.add(child(path, "scale"), "expected only with exact (a deliberately wrong model for a negative control),"
                        + " found it with " + kinds.get(0));
            }
            if (!kinds.get(0).equals("onnx") && r.has("average")) {
                p.add(child(path, "average"), "expected only with onnx (an ensemble), found it with " + kinds.get(0));
            }
            switch (kinds.get(0)) {
                case "exact" -> {
                    if (r.has("output")) {
                        p.add(child(path, "output"), "expected no output convention with exact (an exact ratio is a"
                                + " ratio), found " + found(r.get("output")));
                    }
                    String name = p.string(r, "exact", path, true);
                    Double scale = r.has("scale") ? p.positive(r, "scale", path) : Double.valueOf(1.0);
                    return name == null || scale == null ? null : new RatioSource.Exact(name, scale);
                }
                case "column" -> {
                    String column = p.string(r, "column", path, true);
                    RatioConvention conv = convention(r, path);
                    return column == null || conv == null ? null : new RatioSource.Column(column, conv);
                }
                default -> {
                    RatioConvention conv = convention(r, path);
                    EnsembleAverage average = EnsembleAverage.RATIO;
                    String a = p.string(r, "average", path, false);
                    if (a != null) {
                        try {
                            average = EnsembleAverage.fromConfigName(a);
                        } catch (UserError e) {
                            p.add(child(path, "average"), "expected one of " + EnsembleAverage.configNames()
                                    + ", found '" + a + "'");
                            average = null;
                        }
                    }
                    List<JsonNode> nodes = p.list(r, "onnx", path, "an ONNX file or a list of them (an ensemble)", true);
                    List<String> models = nodes == null ? null : paths(nodes, child(path, "onnx"), "an existing ONNX file");
                    if (models != null) {
                        for (int i = 0; i < models.size(); i++) {
                            networks.add(new OnnxWidthCheck.Named(models.get(i),
                                    nodes.size() == 1 ? child(path, "onnx") : index(child(path, "onnx"), i)));
                        }
                    }
                    return models == null || conv == null || average == null ? null
                            : new RatioSource.Onnx(models, conv, average);
                }
            }
        }

        private RatioConvention convention(JsonNode r, String path) {
            String c = r.has("output") ? p.string(r, "output", path, true) : null;
            if (!r.has("output")) {
                p.add(child(path, "output"), "missing; expected the output convention, one of "
                        + RatioConvention.configNames());
                return null;
            }
            if (c == null) {
                return null;
            }
            try {
                return RatioConvention.fromConfigName(c);
            } catch (UserError e) {
                p.add(child(path, "output"), "expected one of " + RatioConvention.configNames() + ", found '" + c + "'");
                return null;
            }
        }

        private Poi poi(JsonNode top) {
            JsonNode node = p.mapping(top.get("poi"), "poi", "name", "min", "max");
            if (node == null) {
                return null;
            }
            String name = p.string(node, "name", "poi", true);
            Double min = p.number(node, "min", "poi");
            Double max = p.number(node, "max", "poi");
            if (min != null && max != null && !(min < max)) {
                p.add("poi.max", "expected a number > poi.min = " + min + ", found " + max);
                return null;
            }
            return name == null || min == null || max == null ? null : new Poi(name, min, max);
        }

        private List<Systematic> systematics(JsonNode top) {
            if (!top.has("systematics") || top.get("systematics").isNull()) {
                return List.of();
            }
            List<JsonNode> nodes = p.list(top, "systematics", "", "a list of nuisance parameters", false);
            if (nodes == null) {
                return null;
            }
            List<Systematic> out = new ArrayList<>();
            Map<String, Integer> seen = new HashMap<>();
            for (int k = 0; k < nodes.size(); k++) {
                String path = index("systematics", k);
                JsonNode s = p.mapping(nodes.get(k), path, "name", "effects", "bounds");
                if (s == null) {
                    continue;
                }
                String name = p.string(s, "name", path, true);
                if (name != null) {
                    unique(seen, name, child(path, "name"), "nuisance parameter name", "systematics");
                }
                List<JsonNode> effectNodes = p.list(s, "effects", path, "a list of effects (process, yield, ratio)",
                        false);
                if (effectNodes == null) {
                    continue;
                }
                if (effectNodes.isEmpty()) {
                    p.add(child(path, "effects"), "expected at least one effect, found an empty list");
                }
                List<SystematicEffect> effects = new ArrayList<>();
                Map<String, Integer> affected = new HashMap<>();
                for (int e = 0; e < effectNodes.size(); e++) {
                    SystematicEffect effect = effect(effectNodes.get(e), index(child(path, "effects"), e),
                            affected, child(path, "effects"));
                    if (effect != null) {
                        effects.add(effect);
                    }
                }
                double[] bounds = bounds(s, path);
                if (name != null && effects.size() == effectNodes.size() && bounds != null) {
                    out.add(new Systematic(name, effects, bounds[0], bounds[1]));
                }
            }
            return out;
        }

        /** systematics[k].bounds: [lo, hi] with lo &lt; 0 &lt; hi, finite; default [-5, 5]. Null with a problem. */
        private double[] bounds(JsonNode s, String path) {
            if (!s.has("bounds")) {
                return new double[] {-Systematic.DEFAULT_BOUND, Systematic.DEFAULT_BOUND};
            }
            String bp = child(path, "bounds");
            JsonNode b = s.get("bounds");
            if (!b.isArray() || b.size() != 2) {
                p.add(bp, "expected [lo, hi], two numbers with lo < 0 < hi, found " + ConfigProblems.found(b));
                return null;
            }
            Double lo = p.numberValue(b.get(0), index(bp, 0));
            Double hi = p.numberValue(b.get(1), index(bp, 1));
            if (lo == null || hi == null) {
                return null;
            }
            if (!(Double.isFinite(lo) && Double.isFinite(hi) && lo < 0 && hi > 0)) {
                p.add(bp, "expected [lo, hi], finite with lo < 0 < hi (the nominal 0 inside), found [" + lo + ", " + hi + "]");
                return null;
            }
            return new double[] {lo, hi};
        }

        private SystematicEffect effect(JsonNode node, String path, Map<String, Integer> affected,
                                        String listPath) {
            JsonNode e = p.mapping(node, path, "process", "yield", "ratio");
            if (e == null) {
                return null;
            }
            String process = p.string(e, "process", path, true);
            if (process != null) {
                if (processNames != null && !processNames.contains(process)) {
                    p.add(child(path, "process"), "expected one of the processes "
                            + String.join(", ", new java.util.LinkedHashSet<>(processNames)) + ", found '" + process + "'");
                }
                unique(affected, process, child(path, "process"), "process in this nuisance parameter", listPath);
            }
            if (!e.has("yield") && !e.has("ratio")) {
                p.add(path, "expected yield factors, ratios or both, found neither");
                return null;
            }
            Optional<SystematicEffect.YieldFactors> yields = Optional.empty();
            boolean ok = process != null;
            if (e.has("yield")) {
                String yp = child(path, "yield");
                JsonNode y = p.mapping(e.get("yield"), yp, "up", "down");
                Double up = y == null ? null : p.positive(y, "up", yp);
                Double down = y == null ? null : p.positive(y, "down", yp);
                ok &= up != null && down != null;
                yields = ok ? Optional.of(new SystematicEffect.YieldFactors(up, down)) : Optional.empty();
            }
            Optional<RatioSource> up = Optional.empty();
            Optional<RatioSource> down = Optional.empty();
            if (e.has("ratio")) {
                String rp = child(path, "ratio");
                JsonNode r = p.mapping(e.get("ratio"), rp, "up", "down");
                RatioSource u = r == null ? null : ratioSource(r.get("up"), child(rp, "up"));
                RatioSource d = r == null ? null : ratioSource(r.get("down"), child(rp, "down"));
                ok &= u != null && d != null;
                up = Optional.ofNullable(u);
                down = Optional.ofNullable(d);
            }
            return ok ? new SystematicEffect(process, yields, up, down) : null;
        }

        private NeymanSettings neyman(JsonNode top, Poi poi) {
            JsonNode n = p.mapping(top.get("neyman"), "neyman", "mu_grid", "toys_per_point", "confidence_levels",
                    "seed", "nuisance_truth");
            if (n == null) {
                return null;
            }
            List<Double> grid = muGrid(n, poi);
            Long toys = p.whole(n, "toys_per_point", "neyman", 1);
            if (toys != null && toys > Integer.MAX_VALUE) {
                p.add("neyman.toys_per_point", "expected at most " + Integer.MAX_VALUE + ", found " + toys);
                toys = null;
            }
            List<Double> levels = new ArrayList<>();
            List<JsonNode> cl = p.list(n, "confidence_levels", "neyman", "a list of confidence levels in (0, 1)", true);
            if (cl != null && cl.isEmpty()) {
                p.add("neyman.confidence_levels", "expected at least one confidence level, found an empty list");
                cl = null;
            }
            if (cl != null) {
                for (int i = 0; i < cl.size(); i++) {
                    String ip = index("neyman.confidence_levels", i);
                    Double v = p.numberValue(cl.get(i), ip);
                    if (v != null && !(v > 0 && v < 1)) {
                        p.add(ip, "expected a confidence level in (0, 1), found " + found(cl.get(i)));
                    } else if (v != null) {
                        levels.add(v);
                    }
                }
            }
            Long seed = p.whole(n, "seed", "neyman", 0);
            NeymanSettings.NuisanceTruth truth = NeymanSettings.NuisanceTruth.NOMINAL;
            String t = p.string(n, "nuisance_truth", "neyman", false);
            if (t != null) {
                try {
                    truth = NeymanSettings.NuisanceTruth.valueOf(t.toUpperCase(Locale.ROOT));
                } catch (IllegalArgumentException e) {
                    p.add("neyman.nuisance_truth", "expected nominal or profiled, found '" + t + "'");
                }
            }
            if (grid == null || toys == null || cl == null || levels.size() != cl.size() || seed == null) {
                return null;
            }
            return new NeymanSettings(grid, toys.intValue(), levels, seed, truth);
        }

        /** A list of values, or {from, to, steps} with steps &ge; 1 equally spaced points from..to. */
        private List<Double> muGrid(JsonNode n, Poi poi) {
            String path = "neyman.mu_grid";
            JsonNode g = n.get("mu_grid");
            List<Double> grid = new ArrayList<>();
            if (g != null && g.isObject()) {
                JsonNode r = p.mapping(g, path, "from", "to", "steps");
                Double from = p.number(r, "from", path);
                Double to = p.number(r, "to", path);
                Long steps = p.whole(r, "steps", path, 1);
                if (from == null || to == null || steps == null) {
                    return null;
                }
                if (steps == 1 && !from.equals(to) || steps > 1 && !(from < to)) {
                    p.add(path, "expected from < to (or from = to with steps 1), found from " + from + ", to " + to
                            + ", steps " + steps);
                    return null;
                }
                for (long i = 0; i < steps; i++) {
                    grid.add(steps == 1 ? from : from + (to - from) * i / (steps - 1));
                }
            } else {
                List<JsonNode> values = p.list(n, "mu_grid", "neyman",
                        "a list of mu values or a mapping {from, to, steps}", true);
                if (values == null) {
                    return null;
                }
                for (int i = 0; i < values.size(); i++) {
                    Double v = p.numberValue(values.get(i), index(path, i));
                    if (v == null) {
                        return null;
                    }
                    if (!grid.isEmpty() && !(v > grid.get(grid.size() - 1))) {
                        p.add(index(path, i), "expected values in increasing order, found " + v + " after "
                                + grid.get(grid.size() - 1));
                        return null;
                    }
                    grid.add(v);
                }
            }
            if (grid.isEmpty()) {
                p.add(path, "expected at least one mu value, found an empty list");
                return null;
            }
            if (poi != null && (grid.get(0) < poi.min() || grid.get(grid.size() - 1) > poi.max())) {
                p.add(path, "expected values inside the poi range [" + poi.min() + ", " + poi.max() + "], found "
                        + grid.get(0) + " .. " + grid.get(grid.size() - 1));
                return null;
            }
            return grid;
        }

        private BadRatioPolicy badRatios(JsonNode top) {
            if (!top.has("bad_ratios")) {
                return BadRatioPolicy.FAIL;
            }
            JsonNode b = p.mapping(top.get("bad_ratios"), "bad_ratios", "policy", "clip_max");
            if (b == null) {
                return null;
            }
            String policy = p.string(b, "policy", "bad_ratios", true);
            if ("fail".equals(policy)) {
                if (b.has("clip_max")) {
                    p.add("bad_ratios.clip_max", "expected only with policy clip, found it with policy fail");
                }
                return BadRatioPolicy.FAIL;
            }
            if ("clip".equals(policy)) {
                Double max = p.positive(b, "clip_max", "bad_ratios");
                return max == null ? null : BadRatioPolicy.clip(max);
            }
            if (policy != null) {
                p.add("bad_ratios.policy", "expected fail or clip, found '" + policy + "'");
            }
            return null;
        }
    }
}
