package org.nsbi.model.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The config text that points at the trained networks ({@code nsbi-model/CONFIG.md}): {@code ratios.yaml}, the
 * {@code processes:} / {@code systematics:} ratio entries to paste into an analysis config, and, when the training
 * config is a whole analysis, {@code analysis.yaml}: that analysis with the trained ratios in place. Network paths
 * are {@code onnx/<ratio>_<k>.onnx}, relative to the output folder both files are written in.
 */
public final class TrainedConfigWriter {

    private static final YAMLMapper YAML = YAMLMapper.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES).build();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private TrainedConfigWriter() {
    }

    /** The path of member k of a ratio's ensemble, relative to the output folder. */
    public static String onnxPath(String ratio, int member) {
        return "onnx/" + ratio + "_" + member + ".onnx";
    }

    /** The ratio source of a trained ensemble: {@code {onnx: [...], output: score, average: ratio}}. */
    static ObjectNode ratioSource(String ratio, int ensemble) {
        ObjectNode source = NODES.objectNode();
        ArrayNode files = source.putArray("onnx");
        for (int k = 0; k < ensemble; k++) {
            files.add(onnxPath(ratio, k));
        }
        source.put("output", "score");
        source.put("average", "ratio");
        return source;
    }

    /** ratios.yaml: the process ratios as {@code processes[].ratio}, the systematic ones as effects. */
    public static String fragment(TrainingConfig config) {
        ObjectNode root = NODES.objectNode();
        int ensemble = config.settings().ensemble();
        ArrayNode processes = NODES.arrayNode();
        Map<String, ObjectNode> effects = new LinkedHashMap<>();
        for (TrainingConfig.Ratio r : config.ratios()) {
            if (r.systematic() == null) {
                ObjectNode p = processes.addObject();
                p.put("name", r.process());
                p.set("ratio", ratioSource(r.name(), ensemble));
            } else {
                ObjectNode ratio = effects.computeIfAbsent(r.systematic() + "\n" + r.process(), k -> NODES.objectNode());
                ratio.set(r.direction() > 0 ? "up" : "down", ratioSource(r.name(), ensemble));
            }
        }
        if (!processes.isEmpty()) {
            root.set("processes", processes);
        }
        if (!effects.isEmpty()) {
            ObjectNode tree = NODES.objectNode();
            ArrayNode systematics = NODES.arrayNode();
            for (Map.Entry<String, ObjectNode> e : effects.entrySet()) {
                String[] key = e.getKey().split("\n");
                setEffect(systematics, key[0], key[1], e.getValue());
            }
            root.set("systematics", systematics);
        }
        return "# Trained by nsbi train from " + config.file() + ".\n"
                + "# Ratio entries for an analysis config (nsbi-model/CONFIG.md); the paths are relative to this file's\n"
                + "# folder: prefix them with it when pasting into a config that lives elsewhere.\n"
                + write(root);
    }

    /**
     * analysis.yaml: the training config's analysis with the trained ratio sources in place of the written ones
     * (an effect the analysis lacks is added), without the {@code training} section; every other relative path
     * ({@code files} of samples, untrained {@code onnx} members) made absolute against {@code configDir}, so the
     * file works from the output folder. Null when the config has no {@code processes} (it is no analysis).
     */
    public static String analysis(String yaml, String configDir, TrainingConfig config) {
        ObjectNode root;
        try {
            root = (ObjectNode) YAML.readTree(yaml);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(config.file() + ": cannot re-read the config: " + e.getOriginalMessage(), e);
        }
        if (!root.has("processes") || !root.get("processes").isArray()) {
            return null;
        }
        root.remove("training");
        absolutise(root, configDir);
        int ensemble = config.settings().ensemble();
        for (TrainingConfig.Ratio r : config.ratios()) {
            if (r.systematic() == null) {
                for (JsonNode p : root.get("processes")) {
                    if (p.isObject() && r.process().equals(p.path("name").asText())) {
                        ((ObjectNode) p).set("ratio", ratioSource(r.name(), ensemble));
                    }
                }
            } else {
                if (!root.has("systematics") || !root.get("systematics").isArray()) {
                    root.putArray("systematics");
                }
                ObjectNode ratio = NODES.objectNode();
                ratio.set(r.direction() > 0 ? "up" : "down", ratioSource(r.name(), ensemble));
                setEffect((ArrayNode) root.get("systematics"), r.systematic(), r.process(), ratio);
            }
        }
        return "# " + config.file() + " with the networks trained by nsbi train (onnx/ in this folder).\n" + write(root);
    }

    /** Merges {@code ratio} ({@code up} and/or {@code down}) into systematics[name].effects[process].ratio. */
    private static void setEffect(ArrayNode systematics, String name, String process, ObjectNode ratio) {
        ObjectNode systematic = null;
        for (JsonNode s : systematics) {
            if (s.isObject() && name.equals(s.path("name").asText())) {
                systematic = (ObjectNode) s;
            }
        }
        if (systematic == null) {
            systematic = systematics.addObject();
            systematic.put("name", name);
        }
        if (!systematic.has("effects") || !systematic.get("effects").isArray()) {
            systematic.putArray("effects");
        }
        ObjectNode effect = null;
        for (JsonNode e : systematic.get("effects")) {
            if (e.isObject() && process.equals(e.path("process").asText())) {
                effect = (ObjectNode) e;
            }
        }
        if (effect == null) {
            effect = ((ArrayNode) systematic.get("effects")).addObject();
            effect.put("process", process);
        }
        JsonNode old = effect.get("ratio");
        ObjectNode merged = old != null && old.isObject() ? (ObjectNode) old : NODES.objectNode();
        merged.setAll(ratio);
        effect.set("ratio", merged);
    }

    /** Makes every relative {@code files} and {@code onnx} path of the tree absolute against {@code dir}. */
    private static void absolutise(JsonNode node, String dir) {
        if (node.isObject()) {
            ObjectNode o = (ObjectNode) node;
            for (String key : new String[]{"files", "onnx"}) {
                JsonNode v = o.get(key);
                if (v != null && v.isTextual()) {
                    o.put(key, absolute(v.asText(), dir));
                } else if (v != null && v.isArray()) {
                    ArrayNode a = (ArrayNode) v;
                    for (int i = 0; i < a.size(); i++) {
                        if (a.get(i).isTextual()) {
                            a.set(i, NODES.textNode(absolute(a.get(i).asText(), dir)));
                        }
                    }
                }
            }
            o.elements().forEachRemaining(child -> absolutise(child, dir));
        } else if (node.isArray()) {
            node.elements().forEachRemaining(child -> absolutise(child, dir));
        }
    }

    private static String absolute(String raw, String dir) {
        if (FileAccess.URL.matcher(raw).matches() || Path.of(raw).isAbsolute()) {
            return raw;
        }
        if (FileAccess.URL.matcher(dir).matches()) {
            return dir.endsWith("/") ? dir + raw : dir + "/" + raw;
        }
        return Path.of(dir).resolve(raw).normalize().toString();
    }

    private static String write(JsonNode root) {
        try {
            return YAML.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write YAML: " + e.getOriginalMessage(), e);
        }
    }
}
