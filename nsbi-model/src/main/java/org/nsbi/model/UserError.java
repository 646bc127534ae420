package org.nsbi.model;

/**
 * A mistake in what the user gave: the config, the data, an output folder, checkpoints of another run, an
 * option. The command line reports it as one line (its message, which names the file or option, the field and
 * what was expected) and exits with 2; anything else is a failure of the program: exit 1 with the stack trace.
 */
public class UserError extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public UserError(String message) {
        super(message);
    }

    public UserError(String message, Throwable cause) {
        super(message, cause);
    }
}
