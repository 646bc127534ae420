package org.nsbi.model.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.*;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.nio.file.*;
import java.util.*;
import java.util.function.Function;

/**
 * Differential check of a config parser change: the parser of an earlier revision (compiled as
 * {@code OldAnalysisConfigParser}) and the current one read the example configs and every mutation of them (each key
 * removed, replaced by a string, a number, an empty list or mapping, null, true, a doubled list; an unknown key
 * added) and must give the same config or the same problems in the same order, for parse and parseTraining.
 * Run by bench/config-parser-differential.sh; prints the cases, the identical ones and the outcomes by kind.
 */
public class ConfigParserDifferential {
    static final YAMLMapper Y = new YAMLMapper();
    static int cases, same, diff;
    static final Map<String, Integer> kinds = new TreeMap<>();

    public static void main(String[] a) throws Exception {
        for (String f : a) {
            Path p = Path.of(f).toAbsolutePath();
            JsonNode root = Y.readTree(Files.readString(p));
            String base = p.getParent().toString();
            List<JsonNode> variants = new ArrayList<>();
            variants.add(root);
            mutate(root, root, variants);
            for (JsonNode v : variants) {
                String yaml = Y.writeValueAsString(v);
                compare(yaml, f, base);
            }
        }
        System.out.println("cases " + cases + " same " + same + " different " + diff + "; outcomes " + kinds);
        if (diff > 0) {
            System.exit(1);
        }
    }

    /** Each key or item of the tree: removed, replaced by each replacement; each key also joined by a misspelt one. */
    static void mutate(JsonNode root, JsonNode node, List<JsonNode> out) {
        List<Object> slots = new ArrayList<>();
        if (node.isObject()) {
            node.fieldNames().forEachRemaining(slots::add);
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                slots.add(i);
            }
        }
        for (Object slot : slots) {
            for (Function<JsonNode, JsonNode> r : REPLACEMENTS) {
                JsonNode copy = root.deepCopy();
                set(locate(copy, root, node), slot, r);
                out.add(copy);
            }
            if (slot instanceof String k) {
                JsonNode copy = root.deepCopy();
                ((ObjectNode) locate(copy, root, node)).put(k + "_typo", 1);
                out.add(copy);
            }
            mutate(root, slot instanceof String k ? node.get(k) : node.get((Integer) slot), out);
        }
    }

    /** Null from a replacement removes the key or item. */
    static final List<Function<JsonNode, JsonNode>> REPLACEMENTS = List.of(
            n -> null, n -> TextNode.valueOf("x"), n -> IntNode.valueOf(-1), n -> DoubleNode.valueOf(0.5),
            n -> JsonNodeFactory.instance.arrayNode(), n -> JsonNodeFactory.instance.objectNode(),
            n -> NullNode.instance, n -> TextNode.valueOf("nominal"), n -> BooleanNode.TRUE,
            n -> n.isArray() && n.size() > 0 ? JsonNodeFactory.instance.arrayNode().add(n.get(0)).add(n.get(0)) : n);

    static void set(JsonNode parent, Object slot, Function<JsonNode, JsonNode> replacement) {
        if (slot instanceof String k) {
            ObjectNode o = (ObjectNode) parent;
            JsonNode v = replacement.apply(o.get(k));
            if (v == null) {
                o.remove(k);
            } else {
                o.set(k, v);
            }
        } else {
            ArrayNode a = (ArrayNode) parent;
            int i = (Integer) slot;
            JsonNode v = replacement.apply(a.get(i));
            if (v == null) {
                a.remove(i);
            } else {
                a.set(i, v);
            }
        }
    }

    /** The node in copy at the same position as target in original. */
    static JsonNode locate(JsonNode copy, JsonNode original, JsonNode target) {
        if (original == target) return copy;
        if (original.isObject()) {
            Iterator<String> it = original.fieldNames();
            while (it.hasNext()) {
                String k = it.next();
                JsonNode r = locate(copy.get(k), original.get(k), target);
                if (r != null) return r;
            }
        } else if (original.isArray()) {
            for (int i = 0; i < original.size(); i++) {
                JsonNode r = locate(copy.get(i), original.get(i), target);
                if (r != null) return r;
            }
        }
        return null;
    }

    static String run(java.util.concurrent.Callable<Object> c) {
        try {
            return "OK " + c.call();
        } catch (ConfigException e) {
            return "PROBLEMS " + e.getMessage();
        } catch (Exception e) {
            return "THROWN " + e;
        }
    }

    static void compare(String yaml, String f, String base) {
        String o1 = run(() -> OldAnalysisConfigParser.withDefaults().parse(yaml, f, base));
        String n1 = run(() -> AnalysisConfigParser.withDefaults().parse(yaml, f, base));
        String o2 = run(() -> OldAnalysisConfigParser.withDefaults().parseTraining(yaml, f, base));
        String n2 = run(() -> AnalysisConfigParser.withDefaults().parseTraining(yaml, f, base));
        cases += 2;
        for (String[] pair : new String[][]{{o1, n1}, {o2, n2}}) {
            kinds.merge(pair[0].substring(0, pair[0].indexOf(' ')), 1, Integer::sum);
            if (pair[0].equals(pair[1])) same++;
            else {
                diff++;
                if (diff < 5) System.out.println("DIFF\n" + yaml + "\nold: " + pair[0] + "\nnew: " + pair[1]);
            }
        }
    }
}
