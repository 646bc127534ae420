package org.nsbi.model.config;

import static org.nsbi.model.config.ConfigProblems.child;
import static org.nsbi.model.config.ConfigProblems.index;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.nsbi.model.ratio.BadRatioPolicy;

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
        return validated(yaml, fileName, baseDir, (p, paths, root) -> config(p, paths, root, fileName));
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
        return validated(yaml, fileName, baseDir, (p, paths, root) -> trainingConfig(p, paths, root, fileName));
    }

    /** Reads one part of a config; throws every problem found at once. */
    private <T> T validated(String yaml, String fileName, String baseDir, Part<T> part) {
        ConfigProblems problems = new ConfigProblems(fileName);
        JsonNode root = tree(yaml, fileName);
        T config = part.read(problems, new ConfigPaths(files, baseDir), root);
        if (!problems.all().isEmpty()) {
            throw new ConfigException(problems.all());
        }
        return config;
    }

    /** One part of a config read from the root, collecting its problems. */
    private interface Part<T> {
        T read(ConfigProblems problems, ConfigPaths paths, JsonNode root);
    }

    /**
     * The whole analysis: each section read by its reader from what it needs (the cross-checks between sections
     * are the readers' parameters), then the ONNX width check and the coefficient check over what was read. The
     * sections are read in the order their problems are reported.
     */
    private AnalysisConfig config(ConfigProblems p, ConfigPaths paths, JsonNode root, String fileName) {
        JsonNode top = p.mapping(root, "(top level)", TOP_KEYS);
        if (top == null) {
            return null;
        }
        List<String> features = FeaturesReader.read(p, top);
        List<EventSource> reference = new SamplesReader(p, paths, null).read(top, "reference");
        ProcessesReader.Section processes = ProcessesReader.read(p, paths, top);
        Poi poi = PoiReader.read(p, top);
        SystematicsReader.Section systematics = SystematicsReader.read(p, paths, top, processes.names());
        NeymanSettings neyman = NeymanReader.read(p, top, poi);
        List<String> nuisanceNames = systematics.systematics() == null ? null
                : systematics.systematics().stream().map(Systematic::name).toList();
        List<EventSource> observed = new SamplesReader(p, paths, nuisanceNames).read(top, "observed");
        BadRatioPolicy badRatios = RatioHandlingReader.badRatios(p, top);
        boolean normaliseRatios = RatioHandlingReader.normaliseRatios(p, top);
        JsonNode observedNodes = top.get("observed");
        boolean observedComplete = observed != null && observedNodes != null && observedNodes.isArray()
                && observed.size() == observedNodes.size();
        Map<String, Double> observedAux = ObservedAuxReader.read(p, top.get("observed_aux"),
                observedComplete ? observed : null, nuisanceNames);
        if (features != null) {
            List<OnnxWidthCheck.Named> networks = new ArrayList<>(processes.networks());
            networks.addAll(systematics.networks());
            OnnxWidthCheck.check(features, networks, files, p);
        }
        if (poi != null && processes.processes() != null) {
            checkCoefficients(p, processes.processes(), poi);
        }
        if (!p.all().isEmpty()) {
            return null;
        }
        return new AnalysisConfig(fileName, features, reference, processes.processes(), systematics.systematics(),
                poi, neyman, observed, badRatios, observedAux, normaliseRatios);
    }

    /** Each process's coefficient expression, checked by {@link #coefficients} in the poi's name. */
    private void checkCoefficients(ConfigProblems p, List<ProcessSpec> processes, Poi poi) {
        for (int i = 0; i < processes.size(); i++) {
            ProcessSpec c = processes.get(i);
            if (c != null && c.coefficient() != null) {
                for (String problem : coefficients.problems(c.coefficient(), poi.name())) {
                    p.add(child(index("processes", i), "coefficient"), problem);
                }
            }
        }
    }

    /** The training section, with the features it needs (the rest of the analysis is not validated). */
    private static TrainingConfig trainingConfig(ConfigProblems p, ConfigPaths paths, JsonNode root,
                                                 String fileName) {
        JsonNode top = p.mapping(root, "(top level)", TOP_KEYS);
        if (top == null) {
            return null;
        }
        List<String> features = FeaturesReader.read(p, top);
        return TrainingReader.read(p, paths, top, features, fileName);
    }
}
