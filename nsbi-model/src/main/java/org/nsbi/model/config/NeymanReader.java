package org.nsbi.model.config;

import static org.nsbi.model.config.ConfigProblems.found;
import static org.nsbi.model.config.ConfigProblems.index;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.nsbi.stats.random.ToyRandom;

/**
 * The {@code neyman} section: the &mu; grid (inside the poi's range), toys per point, confidence levels in (0, 1),
 * the seed and the nuisance parameters' truth.
 */
final class NeymanReader {

    private NeymanReader() {
    }

    /**
     * The Neyman construction's settings, or null with problems.
     *
     * @param poi the parameter of interest whose range the grid must lie in; null if unreadable (then not checked)
     */
    static NeymanSettings read(ConfigProblems p, JsonNode top, Poi poi) {
        JsonNode n = p.mapping(top.get("neyman"), "neyman", "mu_grid", "toys_per_point", "confidence_levels",
                "seed", "nuisance_truth");
        if (n == null) {
            return null;
        }
        List<Double> grid = muGrid(p, n, poi);
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
    private static List<Double> muGrid(ConfigProblems p, JsonNode n, Poi poi) {
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
                // rounded as a toy's mu key is (12 significant digits): 0.7 * 3 / 7 is the point 0.3, in every output
                grid.add(ToyRandom.canonicalMu(steps == 1 ? from : from + (to - from) * i / (steps - 1)));
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
                v = ToyRandom.canonicalMu(v);
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
}
