/**
 * The off-shell toy ({@code shared/spec/offshell-toy.md}) with exact truth: the project's test oracle
 * and the main job's default data.
 *
 * <ul>
 *   <li>{@link org.nsbi.model.offshell.OffshellToy}: constants and the true-x rates σ_S, σ_B, σ_I, σ_NI.</li>
 *   <li>{@link org.nsbi.model.offshell.OffshellRates}: an exact rate of measured x at any energy_scale and
 *       ni_shape, its window yield (quadrature) and normalised density; processes, p_ref and the full
 *       model σ(x | μ, α).</li>
 *   <li>{@link org.nsbi.model.offshell.OffshellSample} and
 *       {@link org.nsbi.model.offshell.OffshellSimulator}: the samples S, B, SBI, NI and their ±1
 *       variations, generated in blocks that are pure functions of (seed, sample, block index, block
 *       size); observed data at a truth.</li>
 *   <li>{@link org.nsbi.model.offshell.OffshellExactRatios}: the exact ratios as
 *       {@link org.nsbi.model.ratio.RatioFunction}s under the fixture networks' names, and the yield
 *       factors.</li>
 * </ul>
 */
package org.nsbi.model.offshell;
