package org.nsbi.spark.actions;

import org.nsbi.model.UserError;

/**
 * The rules a setting of an action is checked against when it is set. Each refusal is a {@link UserError} that names
 * the setting (as its command-line option), the value and the rule.
 */
final class SettingCheck {

    private SettingCheck() {
    }

    static int atLeast(String setting, int value, int min) {
        if (value < min) {
            throw new UserError(setting + " = " + value + "; expected at least " + min);
        }
        return value;
    }

    static long atLeast(String setting, long value, long min) {
        if (value < min) {
            throw new UserError(setting + " = " + value + "; expected at least " + min);
        }
        return value;
    }

    static double finite(String setting, double value) {
        if (!Double.isFinite(value)) {
            throw new UserError(setting + " = " + value + "; expected a finite number");
        }
        return value;
    }

    /** A value in [0, 1]. */
    static double fraction(String setting, double value) {
        if (!(value >= 0 && value <= 1)) {
            throw new UserError(setting + " = " + value + "; expected a fraction in [0, 1]");
        }
        return value;
    }

    /** A path or URL that is not blank. */
    static String folder(String setting, String value) {
        if (value == null || value.isBlank()) {
            throw new UserError(setting + " is empty; expected a folder (local path or any Hadoop URL)");
        }
        return value;
    }
}
