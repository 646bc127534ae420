package org.nsbi.model.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.*;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.nio.file.*;
import java.util.*;
import java.util.function.Function;

/**
 * Differential check of a config parser change: the parser of an earlier revision (compiled as
 * {@code OldAnalysisConfigParser}) and the current one read the example configs and mutations of them, and must give
 * the same config or the same problems in the same order, for parse and parseTraining. The mutations: every key or
 * list item removed, replaced by a string, a number, an empty list or mapping, null, true, a doubled list, and every
 * key joined by a misspelt one; then {@code PAIRS} seeded random pairs of them, so that problems in two sections at
 * once test the order of the problems too. Run by bench/config-parser-differential.sh; prints the cases, the
 * identical ones and the outcomes by kind.
 */
public class ConfigParserDifferential {
    static final YAMLMapper Y = new YAMLMapper();
    static final int PAIRS = 4000;
    static int cases, same, diff;
    static final Map<String, Integer> kinds = new TreeMap<>();

    /**
     * One change: at the node reached by {@code path} from the root, the key or item {@code slot} gets replacement
     * {@code r} (-1: a misspelt key added).
     */
    record Mutation(List<Object> path, Object slot, int r) {
        boolean applyTo(JsonNode root) {
            JsonNode parent = root;
            for (Object step : path) {
                parent = parent == null ? null : step instanceof String k ? parent.get(k) : parent.get((Integer) step);
            }
            if (parent == null || (slot instanceof String ? !parent.isObject() : !parent.isArray())) {
                return false;
            }
            if (r < 0) {
                ((ObjectNode) parent).put(slot + "_typo", 1);
                return true;
            }
            if (slot instanceof Integer i && i >= parent.size()) {
                return false;
            }
            set(parent, slot, REPLACEMENTS.get(r));
            return true;
        }
    }

    public static void main(String[] a) throws Exception {
        for (String f : a) {
            Path p = Path.of(f).toAbsolutePath();
            JsonNode root = Y.readTree(Files.readString(p));
            String base = p.getParent().toString();
            List<Mutation> mutations = new ArrayList<>();
            mutations(root, new ArrayList<>(), mutations);
            List<List<Mutation>> variants = new ArrayList<>();
            variants.add(List.of());
            mutations.forEach(m -> variants.add(List.of(m)));
            Random random = new Random(17);
            for (int i = 0; i < PAIRS; i++) {
                variants.add(List.of(mutations.get(random.nextInt(mutations.size())),
                        mutations.get(random.nextInt(mutations.size()))));
            }
            for (List<Mutation> v : variants) {
                JsonNode copy = root.deepCopy();
                if (v.stream().allMatch(m -> m.applyTo(copy))) {
                    compare(Y.writeValueAsString(copy), f, base);
                }
            }
        }
        System.out.println("cases " + cases + " same " + same + " different " + diff + "; outcomes " + kinds);
        if (diff > 0) {
            System.exit(1);
        }
    }

    /** Each key or item below {@code node} (at {@code path}): each replacement; each key also a misspelt one. */
    static void mutations(JsonNode node, List<Object> path, List<Mutation> out) {
        List<Object> slots = new ArrayList<>();
        if (node.isObject()) {
            node.fieldNames().forEachRemaining(slots::add);
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                slots.add(i);
            }
        }
        for (Object slot : slots) {
            for (int r = 0; r < REPLACEMENTS.size(); r++) {
                out.add(new Mutation(List.copyOf(path), slot, r));
            }
            if (slot instanceof String) {
                out.add(new Mutation(List.copyOf(path), slot, -1));
            }
            List<Object> child = new ArrayList<>(path);
            child.add(slot);
            mutations(slot instanceof String k ? node.get(k) : node.get((Integer) slot), child, out);
        }
    }

    /** Null from a replacement removes the key or item. */
    static final List<Function<JsonNode, JsonNode>> REPLACEMENTS = List.of(
            n -> null, n -> TextNode.valueOf("x"), n -> IntNode.valueOf(-1), n -> DoubleNode.valueOf(0.5),
            n -> JsonNodeFactory.instance.arrayNode(), n -> JsonNodeFactory.instance.objectNode(),
            n -> NullNode.instance, n -> TextNode.valueOf("nominal"), n -> BooleanNode.TRUE,
            n -> n != null && n.isArray() && n.size() > 0
                    ? JsonNodeFactory.instance.arrayNode().add(n.get(0)).add(n.get(0)) : n);

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
