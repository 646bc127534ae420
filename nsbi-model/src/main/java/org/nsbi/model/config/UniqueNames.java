package org.nsbi.model.config;

import static org.nsbi.model.config.ConfigProblems.index;

import java.util.Map;

/** The check that a name appears once in its list, shared by the section readers. */
final class UniqueNames {

    private UniqueNames() {
    }

    /**
     * Records {@code name} in {@code seen}; a problem at {@code path} if it was there already, naming the first
     * place in {@code listPath}.
     */
    static void check(ConfigProblems p, Map<String, Integer> seen, String name, String path, String what,
                      String listPath) {
        Integer first = seen.putIfAbsent(name, seen.size());
        if (first != null) {
            p.add(path, "expected a unique " + what + ", found '" + name + "' again (first at "
                    + index(listPath, first) + ")");
        }
    }
}
