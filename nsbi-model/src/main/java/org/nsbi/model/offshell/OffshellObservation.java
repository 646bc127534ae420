package org.nsbi.model.offshell;

/**
 * An observed data set of the toy drawn at a stated truth: events with weight 1 and the auxiliary
 * measurements a_k ~ N(α_true,k, 1) in {@link OffshellNuisance} order.
 *
 * @param mu     the true μ
 * @param alpha  the true α, {@link OffshellNuisance} order
 * @param events the events (weight 1 each)
 * @param aux    the auxiliary measurements, {@link OffshellNuisance} order
 */
public record OffshellObservation(double mu, double[] alpha, OffshellEvents events, double[] aux) {
}
