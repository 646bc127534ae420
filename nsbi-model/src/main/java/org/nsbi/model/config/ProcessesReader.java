package org.nsbi.model.config;

import static org.nsbi.model.config.ConfigProblems.child;
import static org.nsbi.model.config.ConfigProblems.index;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The {@code processes} section: each a unique name, a yield, a coefficient expression and a ratio source. */
final class ProcessesReader {

    /**
     * What the section gave.
     *
     * @param processes the processes, null where one has a problem; null if the list is unreadable
     * @param names     every process name read, even of processes with other problems; null if some name (or the
     *                  list) is unreadable
     * @param networks  the ONNX networks the ratio sources name, in order
     */
    record Section(List<ProcessSpec> processes, List<String> names, List<OnnxWidthCheck.Named> networks) {
    }

    private ProcessesReader() {
    }

    static Section read(ConfigProblems p, ConfigPaths paths, JsonNode top) {
        List<OnnxWidthCheck.Named> networks = new ArrayList<>();
        List<JsonNode> nodes = p.list(top, "processes", "", "a list of processes", false);
        if (nodes == null) {
            return new Section(null, null, networks);
        }
        if (nodes.isEmpty()) {
            p.add("processes", "expected at least one process, found an empty list");
        }
        List<ProcessSpec> out = new ArrayList<>();
        Map<String, Integer> seen = new LinkedHashMap<>();
        List<String> names = new ArrayList<>();
        for (int i = 0; i < nodes.size(); i++) {
            String path = index("processes", i);
            JsonNode c = p.mapping(nodes.get(i), path, "name", "yield", "coefficient", "ratio");
            if (c == null) {
                out.add(null);
                names = null;
                continue;
            }
            String name = p.string(c, "name", path, true);
            if (name != null) {
                UniqueNames.check(p, seen, name, child(path, "name"), "process name", "processes");
                if (names != null) {
                    names.add(name);
                }
            } else {
                names = null;
            }
            Double yield = p.positive(c, "yield", path);
            String coefficient = p.string(c, "coefficient", path, true);
            RatioSource ratio = RatioSourceReader.read(p, paths, c.get("ratio"), child(path, "ratio"), networks);
            out.add(name == null || yield == null || coefficient == null || ratio == null ? null
                    : new ProcessSpec(name, yield, coefficient, ratio));
        }
        return new Section(out, names, networks);
    }
}
