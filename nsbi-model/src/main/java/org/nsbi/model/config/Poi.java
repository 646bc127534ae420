package org.nsbi.model.config;

/**
 * The parameter of interest and its allowed range [min, max], min &lt; max.
 */
public record Poi(String name, double min, double max) {
}
