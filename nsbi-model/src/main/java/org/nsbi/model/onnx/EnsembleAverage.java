package org.nsbi.model.onnx;

import org.nsbi.model.ConfigNames;

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

    /** The mode with this config name; throws org.nsbi.model.UserError naming the value and the accepted names. */
    public static EnsembleAverage fromConfigName(String name) {
        return ConfigNames.parse(EnsembleAverage.class, name, "ensemble average");
    }
}
