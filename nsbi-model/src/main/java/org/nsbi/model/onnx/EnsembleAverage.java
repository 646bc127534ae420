package org.nsbi.model.onnx;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import org.nsbi.model.UserError;

/**
 * How the K members of an ensemble are combined into one ratio.
 */
public enum EnsembleAverage {

    /**
     * Average in ratio space, the default: r(x) = (1/K) &Sigma;_k conv(v_k(x)). This is the ensemble ratio of
     * the off-shell toy's fixtures and their quality report ("arithmetic mean of the members' ratios").
     */
    RATIO,
    /**
     * Average the raw network outputs, then convert once: r(x) = conv((1/K) &Sigma;_k v_k(x)) (the output
     * convention applied after the average; for {@code logit}/{@code log_ratio} this is the geometric mean of
     * the members' ratios).
     */
    OUTPUT;

    /** The name used in config files: {@code ratio} or {@code output}. */
    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** All config names, comma-separated, for messages. */
    public static String configNames() {
        return Arrays.stream(values()).map(EnsembleAverage::configName).collect(Collectors.joining(", "));
    }

    /** The mode with this config name; throws IllegalArgumentException naming the value and the accepted names. */
    public static EnsembleAverage fromConfigName(String name) {
        for (EnsembleAverage a : values()) {
            if (a.configName().equals(name)) {
                return a;
            }
        }
        throw new UserError("unknown ensemble average '" + name + "'; expected one of " + configNames());
    }
}
