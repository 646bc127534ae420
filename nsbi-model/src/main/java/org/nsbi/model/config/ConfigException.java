package org.nsbi.model.config;

import java.util.List;
import org.nsbi.model.UserError;

/**
 * Every problem found in a config file, at once. Each problem reads
 * {@code <file>: <key.path>: <what was expected, what was found>}; the message is their count followed by one
 * problem per line.
 */
public final class ConfigException extends UserError {

    private final List<String> problems;

    public ConfigException(List<String> problems) {
        super(problems.size() + (problems.size() == 1 ? " problem" : " problems") + " in the analysis config:\n  "
                + String.join("\n  ", problems));
        this.problems = List.copyOf(problems);
    }

    /** The problems, one line each. */
    public List<String> problems() {
        return problems;
    }
}
