package org.nsbi.model.config;

import static org.nsbi.model.config.ConfigProblems.found;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code observed_aux} section: a value per nuisance parameter, or {@code nominal} (every a_k = 0, said
 * explicitly). For observed data from files every parameter needs one (a missing one is never silently 0); data
 * drawn by the simulator at a truth bring their own draws, which observed_aux overrides where given.
 */
final class ObservedAuxReader {

    private ObservedAuxReader() {
    }

    /**
     * @param node          the {@code observed_aux} value (null if absent)
     * @param observed      the observed samples, or null when they did not parse completely (then only the values
     *                      are checked)
     * @param nuisanceNames the nuisance parameters' names; null if unreadable (then nothing is checked)
     */
    static Map<String, Double> read(ConfigProblems p, JsonNode node, List<EventSource> observed,
                                    List<String> nuisanceNames) {
        if (nuisanceNames == null) {
            return new LinkedHashMap<>();
        }
        if (node != null && node.isTextual() && node.asText().strip().equals("nominal")) {
            Map<String, Double> nominal = new LinkedHashMap<>();
            nuisanceNames.forEach(n -> nominal.put(n, 0.0));
            return nominal;
        }
        if (node != null && node.isValueNode()) {
            p.add("observed_aux", "expected a mapping from nuisance parameter names to numbers, or 'nominal', found "
                    + found(node));
            return new LinkedHashMap<>();
        }
        Map<String, Double> aux = NuisanceValuesReader.read(p, node, "observed_aux", "an auxiliary measurement",
                nuisanceNames);
        boolean simulated = observed != null
                && observed.stream().anyMatch(o -> o instanceof EventSource.SimulatedObservation);
        List<String> missing = nuisanceNames.stream().filter(n -> !aux.containsKey(n)).toList();
        if (observed != null && !simulated && !missing.isEmpty() && (node == null || node.isObject())) {
            p.add("observed_aux", (node == null ? "missing" : "no value for " + String.join(", ", missing))
                    + "; expected the auxiliary measurement of every nuisance parameter of the file-based observed data ("
                    + String.join(", ", nuisanceNames) + "), e.g. {" + nuisanceNames.get(0)
                    + ": 0.0, ...}, or 'observed_aux: nominal' for all 0");
        }
        return aux;
    }
}
