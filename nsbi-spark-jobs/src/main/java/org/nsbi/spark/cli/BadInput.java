package org.nsbi.spark.cli;

import org.nsbi.model.UserError;

/**
 * Tells a user's mistake from a failure of the program: a {@link UserError} anywhere in the chain of causes (Spark
 * wraps what an executor threw) is the user's, exit 2 and its message in one line; anything else is ours, exit 1
 * with the stack trace.
 */
final class BadInput {

    private BadInput() {
    }

    /** The user's error in the chain of causes, or null when the failure is the program's. */
    static UserError userError(Throwable ex) {
        for (Throwable t = ex; t != null; t = t.getCause()) {
            if (t instanceof UserError u) {
                return u;
            }
        }
        return null;
    }

    static boolean isBadInput(Throwable ex) {
        return userError(ex) != null;
    }

    /** The user error's message, or for a failure of the program the innermost message that says something. */
    static String message(Throwable ex) {
        UserError u = userError(ex);
        if (u != null) {
            return u.getMessage();
        }
        String best = ex.toString();
        for (Throwable t = ex; t != null; t = t.getCause()) {
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                best = t.getMessage();
            }
        }
        return best;
    }
}
