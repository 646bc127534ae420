package org.nsbi.model.config;

import com.fasterxml.jackson.databind.JsonNode;

/** The {@code poi} section: the parameter of interest's name and range, min &lt; max. */
final class PoiReader {

    private PoiReader() {
    }

    /** The parameter of interest, or null with problems. */
    static Poi read(ConfigProblems p, JsonNode top) {
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
}
