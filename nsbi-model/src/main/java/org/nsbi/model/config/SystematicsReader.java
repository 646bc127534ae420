package org.nsbi.model.config;

import static org.nsbi.model.config.ConfigProblems.child;
import static org.nsbi.model.config.ConfigProblems.index;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code systematics} section: nuisance parameters, each a unique name, its effects (process, yield factors,
 * up/down ratios), its {@code bounds} and its {@code shape_normalisation}.
 */
final class SystematicsReader {

    /**
     * What the section gave.
     *
     * @param systematics the nuisance parameters read without problems (empty if the section is absent); null if
     *                    the list is unreadable
     * @param networks    the ONNX networks the effects' ratio sources name, in order
     */
    record Section(List<Systematic> systematics, List<OnnxWidthCheck.Named> networks) {
    }

    private SystematicsReader() {
    }

    /**
     * @param processNames the config's process names an effect must name; null if unreadable (then not checked)
     */
    static Section read(ConfigProblems p, ConfigPaths paths, JsonNode top, List<String> processNames) {
        List<OnnxWidthCheck.Named> networks = new ArrayList<>();
        if (!top.has("systematics") || top.get("systematics").isNull()) {
            return new Section(List.of(), networks);
        }
        List<JsonNode> nodes = p.list(top, "systematics", "", "a list of nuisance parameters", false);
        if (nodes == null) {
            return new Section(null, networks);
        }
        List<Systematic> out = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        for (int k = 0; k < nodes.size(); k++) {
            String path = index("systematics", k);
            JsonNode s = p.mapping(nodes.get(k), path, "name", "effects", "bounds", "shape_normalisation");
            if (s == null) {
                continue;
            }
            String name = p.string(s, "name", path, true);
            if (name != null) {
                UniqueNames.check(p, seen, name, child(path, "name"), "nuisance parameter name", "systematics");
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
                SystematicEffect effect = effect(p, paths, effectNodes.get(e), index(child(path, "effects"), e),
                        affected, child(path, "effects"), processNames, networks);
                if (effect != null) {
                    effects.add(effect);
                }
            }
            double[] bounds = bounds(p, s, path);
            Boolean normalised = shapeNormalisation(p, s, path, effects, effects.size() == effectNodes.size());
            if (name != null && effects.size() == effectNodes.size() && bounds != null && normalised != null) {
                out.add(new Systematic(name, effects, bounds[0], bounds[1], normalised));
            }
        }
        return new Section(out, networks);
    }

    /**
     * systematics[k].shape_normalisation: {@code none} (default, the seeds' model) or {@code per_event} (true), which
     * needs an effect with ratios. Null with a problem.
     */
    private static Boolean shapeNormalisation(ConfigProblems p, JsonNode s, String path, List<SystematicEffect> effects,
                                              boolean allEffectsRead) {
        if (!s.has("shape_normalisation")) {
            return false;
        }
        String np = child(path, "shape_normalisation");
        JsonNode v = s.get("shape_normalisation");
        if (!v.isTextual() || !(v.asText().equals("none") || v.asText().equals("per_event"))) {
            p.add(np, "expected none or per_event, found " + ConfigProblems.found(v));
            return null;
        }
        boolean perEvent = v.asText().equals("per_event");
        if (perEvent && allEffectsRead && effects.stream().noneMatch(SystematicEffect::hasShape)) {
            p.add(np, "expected shape ratios to normalise (an effect with ratio: {up, down}), found per_event on a"
                    + " parameter with yield effects only");
            return null;
        }
        return perEvent;
    }

    /** systematics[k].bounds: [lo, hi] with lo &lt; 0 &lt; hi, finite; default [-5, 5]. Null with a problem. */
    private static double[] bounds(ConfigProblems p, JsonNode s, String path) {
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

    private static SystematicEffect effect(ConfigProblems p, ConfigPaths paths, JsonNode node, String path,
                                           Map<String, Integer> affected, String listPath, List<String> processNames,
                                           List<OnnxWidthCheck.Named> networks) {
        JsonNode e = p.mapping(node, path, "process", "yield", "ratio");
        if (e == null) {
            return null;
        }
        String process = p.string(e, "process", path, true);
        if (process != null) {
            if (processNames != null && !processNames.contains(process)) {
                p.add(child(path, "process"), "expected one of the processes "
                        + String.join(", ", new LinkedHashSet<>(processNames)) + ", found '" + process + "'");
            }
            UniqueNames.check(p, affected, process, child(path, "process"), "process in this nuisance parameter",
                    listPath);
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
            RatioSource u = r == null ? null
                    : RatioSourceReader.read(p, paths, r.get("up"), child(rp, "up"), networks);
            RatioSource d = r == null ? null
                    : RatioSourceReader.read(p, paths, r.get("down"), child(rp, "down"), networks);
            ok &= u != null && d != null;
            up = Optional.ofNullable(u);
            down = Optional.ofNullable(d);
        }
        return ok ? new SystematicEffect(process, yields, up, down) : null;
    }
}
