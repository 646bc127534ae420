package org.nsbi.spark.provenance;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What an output was made by and from, recorded in its {@code nsbi-output.json} marker (and in its summary): the
 * program (jar version, git commit), the config (path, SHA-256), each ONNX network's SHA-256, what the scores depend
 * on ({@code scoring}: features, ratio sources by content, samples, bad-ratio policy), what the fit model adds
 * ({@code model}: yields, coefficients, nuisance parameters, poi), the output's own id, and the SHA-256 of the marker
 * of each input it read ({@code inputs}: {@code scored}, {@code belts}). A later command compares these with its own
 * config and inputs and refuses what was made from something else.
 *
 * @param nsbiVersion  the jar's version
 * @param gitCommit    the commit of the checkout the program runs from ("unknown" outside one)
 * @param config       the config file
 * @param configSha256 the config file's SHA-256
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
        onnxSha256 = Map.copyOf(onnxSha256);
        scoring = Map.copyOf(scoring);
        model = Map.copyOf(model);
        inputs = Map.copyOf(inputs);
    }

    /** The same with one more input: {@code role} read from the output whose marker has SHA-256 {@code markerSha256}. */
    public Provenance withInput(String role, String markerSha256) {
        Map<String, String> in = new LinkedHashMap<>(inputs);
        in.put(role, markerSha256);
        return new Provenance(nsbiVersion, gitCommit, config, configSha256, onnxSha256, scoring, model, outputId, in);
    }

    /** The text of the output's marker file: the command that wrote it, when, and this provenance. */
    public String marker(String command) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("nsbi_output", command);
        m.put("written", java.time.Instant.now().toString());
        m.put("provenance", toMap());
        return org.nsbi.spark.io.Json.write(m);
    }

    /** As JSON fields, keys sorted where they are a map. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("nsbi_version", nsbiVersion);
        m.put("git_commit", gitCommit);
        m.put("config", config);
        m.put("config_sha256", configSha256);
        m.put("onnx_sha256", new java.util.TreeMap<>(onnxSha256));
        m.put("scoring", new java.util.TreeMap<>(scoring));
        m.put("model", new java.util.TreeMap<>(model));
        m.put("output_id", outputId);
        m.put("inputs", new java.util.TreeMap<>(inputs));
        return m;
    }

    /** Reads the fields {@link #toMap()} wrote. */
    @SuppressWarnings("unchecked")
    public static Provenance fromMap(Map<String, Object> m, String source) {
        for (String key : new String[] {"config_sha256", "scoring", "model", "output_id", "inputs"}) {
            if (!m.containsKey(key)) {
                throw new IllegalArgumentException(source + ": provenance has no '" + key + "'; expected the marker of an"
                        + " nsbi output of this version (make the input again)");
            }
        }
        return new Provenance(str(m.get("nsbi_version")), str(m.get("git_commit")), str(m.get("config")),
                str(m.get("config_sha256")), (Map<String, String>) m.getOrDefault("onnx_sha256", Map.of()),
                (Map<String, String>) m.get("scoring"), (Map<String, String>) m.get("model"), str(m.get("output_id")),
                (Map<String, String>) m.get("inputs"));
    }

    private static String str(Object o) {
        return o == null ? null : o.toString();
    }
}
