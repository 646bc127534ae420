package org.nsbi.model.config;

import static org.nsbi.model.config.ConfigProblems.child;
import static org.nsbi.model.config.ConfigProblems.found;
import static org.nsbi.model.config.ConfigProblems.index;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.nsbi.model.ConfigNames;
import org.nsbi.model.UserError;
import org.nsbi.model.onnx.EnsembleAverage;
import org.nsbi.model.ratio.RatioConvention;

/**
 * One ratio source ({@code processes[i].ratio}, a systematic effect's {@code ratio.up}/{@code ratio.down}):
 * exactly one of {@code onnx}, {@code column}, {@code exact}.
 */
final class RatioSourceReader {

    private RatioSourceReader() {
    }

    /**
     * The ratio source at {@code path}, or null with problems. The ONNX files it names (resolved and present) are
     * added to {@code networks} with their key paths, for {@link OnnxWidthCheck}.
     */
    static RatioSource read(ConfigProblems p, ConfigPaths paths, JsonNode node, String path,
                            List<OnnxWidthCheck.Named> networks) {
        JsonNode r = p.mapping(node, path, "onnx", "column", "exact", "output", "average", "scale");
        if (r == null) {
            return null;
        }
        List<String> kinds = new ArrayList<>();
        for (String k : new String[]{"onnx", "column", "exact"}) {
            if (r.has(k)) {
                kinds.add(k);
            }
        }
        if (kinds.size() != 1) {
            p.add(path, "expected exactly one of onnx, column, exact, found "
                    + (kinds.isEmpty() ? "none" : String.join(" and ", kinds)));
            return null;
        }
        if (!kinds.get(0).equals("exact") && r.has("scale")) {
            p.add(child(path, "scale"), "expected only with exact (a deliberately wrong model for a negative control),"
                    + " found it with " + kinds.get(0));
        }
        if (!kinds.get(0).equals("onnx") && r.has("average")) {
            p.add(child(path, "average"), "expected only with onnx (an ensemble), found it with " + kinds.get(0));
        }
        switch (kinds.get(0)) {
            case "exact" -> {
                if (r.has("output")) {
                    p.add(child(path, "output"), "expected no output convention with exact (an exact ratio is a"
                            + " ratio), found " + found(r.get("output")));
                }
                String name = p.string(r, "exact", path, true);
                Double scale = r.has("scale") ? p.positive(r, "scale", path) : Double.valueOf(1.0);
                return name == null || scale == null ? null : new RatioSource.Exact(name, scale);
            }
            case "column" -> {
                String column = p.string(r, "column", path, true);
                RatioConvention conv = convention(p, r, path);
                return column == null || conv == null ? null : new RatioSource.Column(column, conv);
            }
            default -> {
                RatioConvention conv = convention(p, r, path);
                EnsembleAverage average = EnsembleAverage.RATIO;
                String a = p.string(r, "average", path, false);
                if (a != null) {
                    try {
                        average = EnsembleAverage.fromConfigName(a);
                    } catch (UserError e) {
                        p.add(child(path, "average"), "expected one of " + ConfigNames.all(EnsembleAverage.class)
                                + ", found '" + a + "'");
                        average = null;
                    }
                }
                List<JsonNode> nodes = p.list(r, "onnx", path, "an ONNX file or a list of them (an ensemble)", true);
                List<String> models = nodes == null ? null
                        : paths.read(p, nodes, child(path, "onnx"), "an existing ONNX file");
                if (models != null) {
                    for (int i = 0; i < models.size(); i++) {
                        networks.add(new OnnxWidthCheck.Named(models.get(i),
                                nodes.size() == 1 ? child(path, "onnx") : index(child(path, "onnx"), i)));
                    }
                }
                return models == null || conv == null || average == null ? null
                        : new RatioSource.Onnx(models, conv, average);
            }
        }
    }

    private static RatioConvention convention(ConfigProblems p, JsonNode r, String path) {
        String c = r.has("output") ? p.string(r, "output", path, true) : null;
        if (!r.has("output")) {
            p.add(child(path, "output"), "missing; expected the output convention, one of "
                    + ConfigNames.all(RatioConvention.class));
            return null;
        }
        if (c == null) {
            return null;
        }
        try {
            return RatioConvention.fromConfigName(c);
        } catch (UserError e) {
            p.add(child(path, "output"), "expected one of " + ConfigNames.all(RatioConvention.class)
                    + ", found '" + c + "'");
            return null;
        }
    }
}
