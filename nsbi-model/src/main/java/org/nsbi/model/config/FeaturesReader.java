package org.nsbi.model.config;

import static org.nsbi.model.config.ConfigProblems.index;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The {@code features} section: a non-empty list of unique feature names. */
final class FeaturesReader {

    private FeaturesReader() {
    }

    /** The feature names; null (with problems) if the list is missing, empty or has a bad entry. */
    static List<String> read(ConfigProblems p, JsonNode top) {
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
                UniqueNames.check(p, seen, name, index("features", i), "feature name", "features");
                names.add(name);
            }
        }
        return names.size() == nodes.size() ? names : null;
    }
}
