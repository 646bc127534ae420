package org.nsbi.model;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Enum constants as the config names them: in lower case ({@code log_ratio} for {@code LOG_RATIO}). */
public final class ConfigNames {

    private ConfigNames() {
    }

    /** The name of {@code constant} in config files. */
    public static String of(Enum<?> constant) {
        return constant.name().toLowerCase(Locale.ROOT);
    }

    /** The names of all constants of {@code type}, comma-separated, for messages. */
    public static <E extends Enum<E>> String all(Class<E> type) {
        return Arrays.stream(type.getEnumConstants()).map(ConfigNames::of).collect(Collectors.joining(", "));
    }

    /**
     * The constant of {@code type} named {@code name} in the config.
     *
     * @param what what the constants are, for the message (e.g. "output convention")
     * @throws UserError naming the value and the accepted names
     */
    public static <E extends Enum<E>> E parse(Class<E> type, String name, String what) {
        for (E c : type.getEnumConstants()) {
            if (of(c).equals(name)) {
                return c;
            }
        }
        throw new UserError("unknown " + what + " '" + name + "'; expected one of " + all(type));
    }
}
