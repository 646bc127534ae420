package org.nsbi.model.config;

/**
 * One process c of the model: &nu;_c f_c(&mu;) r_c(x).
 *
 * @param name        unique process name
 * @param yield       &nu;_c, expected events at the nominal point, &gt; 0
 * @param coefficient f_c(&mu;) as written by the user (e.g. {@code mu - sqrt(mu)}); parsed by nsbi-stats, see
 *                    {@link CoefficientValidator}
 * @param ratio       r_c(x) = p_c(x) / p_ref(x)
 */
public record ProcessSpec(String name, double yield, String coefficient, RatioSource ratio) {
}
