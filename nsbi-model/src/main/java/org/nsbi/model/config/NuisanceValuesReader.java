package org.nsbi.model.config;

import static org.nsbi.model.config.ConfigProblems.child;
import static org.nsbi.model.config.ConfigProblems.found;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A mapping from nuisance parameter names to numbers (observed_aux, a simulated truth's alpha); every name must be
 * a nuisance parameter of the config.
 */
final class NuisanceValuesReader {

    private NuisanceValuesReader() {
    }

    /**
     * The values at {@code path}; an empty map if {@code node} is absent or the nuisance parameters' names
     * ({@code nuisanceNames}) are unknown (null).
     */
    static Map<String, Double> read(ConfigProblems p, JsonNode node, String path, String what,
                                    List<String> nuisanceNames) {
        Map<String, Double> out = new LinkedHashMap<>();
        if (node == null || nuisanceNames == null) {
            return out;
        }
        if (!node.isObject()) {
            p.add(path, "expected a mapping from nuisance parameter names to numbers, found " + found(node));
            return out;
        }
        node.fields().forEachRemaining(e -> {
            String kp = child(path, e.getKey());
            if (!nuisanceNames.contains(e.getKey())) {
                p.add(kp, "expected " + what + " of a nuisance parameter (" + String.join(", ", nuisanceNames)
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
}
