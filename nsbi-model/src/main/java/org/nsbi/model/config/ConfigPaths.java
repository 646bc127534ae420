package org.nsbi.model.config;

import static org.nsbi.model.config.ConfigProblems.index;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The paths a config names: resolved against the config's folder ({@code baseDir}, a local path or a URL) unless
 * absolute or a URL with a scheme, and checked through {@code files} where it handles them.
 */
record ConfigPaths(FileAccess files, String baseDir) {

    /** Resolves and checks paths; null (with a problem per bad path) if any is missing or invalid. */
    List<String> read(ConfigProblems p, List<JsonNode> nodes, String path, String what) {
        if (nodes.isEmpty()) {
            p.add(path, "expected at least one path, found an empty list");
            return null;
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < nodes.size(); i++) {
            String ip = nodes.size() == 1 && !path.endsWith("]") ? path : index(path, i);
            String raw = p.stringValue(nodes.get(i), ip);
            if (raw == null) {
                continue;
            }
            String resolved = resolve(raw);
            if (files.handles(resolved) && !files.exists(resolved)) {
                p.add(ip, "expected " + what + ", found no file at " + resolved);
                continue;
            }
            out.add(resolved);
        }
        return out.size() == nodes.size() ? out : null;
    }

    private String resolve(String raw) {
        if (FileAccess.URL.matcher(raw).matches()) {
            return raw;
        }
        if (FileAccess.URL.matcher(baseDir).matches()) {
            return baseDir.endsWith("/") ? baseDir + raw : baseDir + "/" + raw;
        }
        return Path.of(baseDir).resolve(raw).normalize().toString();
    }
}
