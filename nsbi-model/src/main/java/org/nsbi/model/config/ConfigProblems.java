package org.nsbi.model.config;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads typed values out of a YAML tree while collecting every problem as
 * {@code <file>: <key.path>: <what was expected, what was found>}. A getter that finds a problem records it and
 * returns null, so reading goes on and all problems are reported together.
 */
final class ConfigProblems {

    private final String file;
    private final List<String> problems = new ArrayList<>();

    ConfigProblems(String file) {
        this.file = file;
    }

    void add(String path, String message) {
        problems.add(file + ": " + path + ": " + message);
    }

    List<String> all() {
        return problems;
    }

    static String child(String path, String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    static String index(String path, int i) {
        return path + "[" + i + "]";
    }

    /** Describes a YAML value for "found ..." text. */
    static String found(JsonNode node) {
        if (node == null || node.isMissingNode()) {
            return "nothing";
        }
        if (node.isNull()) {
            return "an empty value";
        }
        if (node.isObject()) {
            return "a mapping";
        }
        if (node.isArray()) {
            return "a list";
        }
        return "'" + node.asText() + "'";
    }

    /**
     * The mapping at {@code path}, its unknown keys reported; null (with a problem) if it is not a mapping.
     */
    JsonNode mapping(JsonNode node, String path, String... allowedKeys) {
        if (node == null || !node.isObject()) {
            add(path, "expected a mapping with keys " + String.join(", ", allowedKeys) + ", found " + found(node));
            return null;
        }
        Set<String> allowed = new LinkedHashSet<>(Arrays.asList(allowedKeys));
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            String key = it.next().getKey();
            if (!allowed.contains(key)) {
                add(child(path, key), "unknown key; expected one of " + String.join(", ", allowedKeys));
            }
        }
        return node;
    }

    /** The list at {@code path}, or null with a problem; a single value counts as a list of one if allowed. */
    List<JsonNode> list(JsonNode parent, String key, String path, String what, boolean singleAllowed) {
        JsonNode node = parent.get(key);
        String p = child(path, key);
        if (node == null || node.isNull()) {
            add(p, "missing; expected " + what);
            return null;
        }
        if (node.isArray()) {
            List<JsonNode> out = new ArrayList<>();
            node.forEach(out::add);
            return out;
        }
        if (singleAllowed && !node.isObject()) {
            return List.of(node);
        }
        add(p, "expected " + what + ", found " + found(node));
        return null;
    }

    /** A non-blank string; null with a problem if missing (when required) or not a scalar. */
    String string(JsonNode parent, String key, String path, boolean required) {
        JsonNode node = parent.get(key);
        if (node == null || node.isNull()) {
            if (required) {
                add(child(path, key), "missing; expected a non-empty text");
            }
            return null;
        }
        return stringValue(node, child(path, key));
    }

    String stringValue(JsonNode node, String path) {
        if (!node.isValueNode() || node.asText().isBlank()) {
            add(path, "expected a non-empty text, found " + found(node));
            return null;
        }
        return node.asText().strip();
    }

    /** A number (YAML numbers or numeric text such as 1e6); null with a problem if missing or not numeric. */
    Double number(JsonNode parent, String key, String path) {
        JsonNode node = parent.get(key);
        if (node == null || node.isNull()) {
            add(child(path, key), "missing; expected a number");
            return null;
        }
        return numberValue(node, child(path, key));
    }

    Double numberValue(JsonNode node, String path) {
        if (node.isNumber()) {
            return node.doubleValue();
        }
        if (node.isTextual()) {
            try {
                return Double.parseDouble(node.asText().strip());
            } catch (NumberFormatException e) {
                // reported below
            }
        }
        add(path, "expected a number, found " + found(node));
        return null;
    }

    /** A whole number &ge; min; null with a problem if missing, fractional or smaller. */
    Long whole(JsonNode parent, String key, String path, long min) {
        Double v = number(parent, key, path);
        if (v == null) {
            return null;
        }
        if (v != Math.rint(v) || v < min || v > Long.MAX_VALUE) {
            add(child(path, key), "expected a whole number >= " + min + ", found " + found(parent.get(key)));
            return null;
        }
        return v.longValue();
    }

    /** A number &gt; 0; null with a problem otherwise. */
    Double positive(JsonNode parent, String key, String path) {
        Double v = number(parent, key, path);
        if (v != null && !(v > 0 && v < Double.POSITIVE_INFINITY)) {
            add(child(path, key), "expected a finite number > 0, found " + found(parent.get(key)));
            return null;
        }
        return v;
    }
}
