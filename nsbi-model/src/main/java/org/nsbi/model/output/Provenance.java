package org.nsbi.model.output;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * What an output was made by and from, in its {@code nsbi-output.json} marker and its summary: the program (jar
 * version, git commit), the config (path, SHA-256), each ONNX network's SHA-256, what the scores depend on
 * ({@code scoring}: features, ratio sources by content, samples, bad-ratio policy), what the fit model adds
 * ({@code model}: yields, coefficients, nuisance parameters, poi, normalise_ratios), the output's own id, and the
 * SHA-256 of the marker of each input it read ({@code inputs}: {@code scored}, {@code belts}, {@code run}). A later
 * command compares these with its own config and inputs and refuses what was made from something else.
 *
 * @param nsbiVersion  the jar's version
 * @param gitCommit    the commit of the checkout the program runs from ("unknown" outside one)
 * @param config       the config file (null for an output made without one, e.g. a report)
 * @param configSha256 the config file's SHA-256 (null without a config)
 * @param onnxSha256   each ONNX file the config names, with its SHA-256
 * @param scoring      what the scored events depend on, by name
 * @param model        what the likelihood adds to the scores, by name
 * @param outputId     this output's id (random, fixed at its start)
 * @param inputs       per input role, the SHA-256 of the input's marker file
 */
public record Provenance(String nsbiVersion, String gitCommit, String config, String configSha256,
                         Map<String, String> onnxSha256, Map<String, String> scoring, Map<String, String> model,
                         String outputId, Map<String, String> inputs) {

    public Provenance {
        onnxSha256 = Collections.unmodifiableMap(new TreeMap<>(onnxSha256));
        scoring = Collections.unmodifiableMap(new TreeMap<>(scoring));
        model = Collections.unmodifiableMap(new TreeMap<>(model));
        inputs = Collections.unmodifiableMap(new TreeMap<>(inputs));
    }

    /** The same with one more input: {@code role} read from the output whose marker has SHA-256 {@code markerSha256}. */
    public Provenance withInput(String role, String markerSha256) {
        Map<String, String> in = new TreeMap<>(inputs);
        in.put(role, markerSha256);
        return new Provenance(nsbiVersion, gitCommit, config, configSha256, onnxSha256, scoring, model, outputId, in);
    }
}
