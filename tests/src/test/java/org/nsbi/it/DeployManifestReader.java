package org.nsbi.it;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the Spark jobs out of the deploy manifests: the Spark operator's {@code SparkApplication} and
 * {@code ScheduledSparkApplication} (YAML, any number of documents per file) and the Airflow DAG, whose
 * {@code PIPELINE = {...}} literal is read as JSON (Python dict and list literals with double-quoted strings).
 */
final class DeployManifestReader {

    static final String OPERATOR_API = "sparkoperator.k8s.io/v1beta2";

    private static final YAMLMapper YAML = new YAMLMapper();
    private static final JsonMapper PYTHON_LITERAL = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_TRAILING_COMMA, JsonReadFeature.ALLOW_YAML_COMMENTS).build();

    private DeployManifestReader() {
    }

    /** Every YAML document of a file. */
    static List<JsonNode> yamlDocuments(String yaml) {
        try (MappingIterator<JsonNode> it = YAML.readerFor(JsonNode.class).readValues(yaml)) {
            List<JsonNode> docs = new ArrayList<>();
            while (it.hasNext()) {
                JsonNode doc = it.next();
                if (doc != null && !doc.isNull() && !doc.isMissingNode()) {
                    docs.add(doc);
                }
            }
            return docs;
        } catch (IOException e) {
            throw new UncheckedIOException("not valid YAML: " + e.getMessage(), e);
        }
    }

    /**
     * The application spec of a Spark operator document: {@code spec} of a SparkApplication,
     * {@code spec.template} of a ScheduledSparkApplication, null for any other kind.
     */
    static JsonNode applicationSpec(JsonNode doc) {
        String kind = doc.path("kind").asText();
        if (kind.equals("SparkApplication")) {
            return doc.path("spec");
        }
        if (kind.equals("ScheduledSparkApplication")) {
            return doc.path("spec").path("template");
        }
        return null;
    }

    /** The job of a Spark operator application spec; {@code source} names it in messages. */
    static SubmittedJob kubernetesJob(String source, JsonNode spec) {
        List<String> args = new ArrayList<>();
        spec.path("arguments").forEach(a -> args.add(a.asText()));
        Map<String, String> conf = new LinkedHashMap<>();
        spec.path("sparkConf").fields().forEachRemaining(e -> conf.put(e.getKey(), e.getValue().asText()));
        Set<String> mounts = secretPaths(spec.path("driver"));
        mounts.retainAll(secretPaths(spec.path("executor")));
        return new SubmittedJob(source, spec.path("mainClass").asText(null), spec.path("mainApplicationFile").asText(null),
                args, conf, mounts);
    }

    /** Where a pod spec mounts Kubernetes Secrets: its {@code secrets[].path}. */
    private static Set<String> secretPaths(JsonNode pod) {
        Set<String> paths = new HashSet<>();
        pod.path("secrets").forEach(s -> paths.add(s.path("path").asText()));
        return paths;
    }

    /** The {@code PIPELINE = {...}} literal of an Airflow DAG file. */
    static JsonNode airflowPipeline(String python) {
        String marker = "PIPELINE = ";
        int start = python.indexOf(marker);
        if (start < 0) {
            throw new IllegalArgumentException("no '" + marker + "{...}' literal in the DAG");
        }
        start += marker.length();
        String literal = python.substring(start, closingBracket(python, start) + 1);
        try {
            return PYTHON_LITERAL.readTree(literal);
        } catch (IOException e) {
            throw new IllegalArgumentException("PIPELINE is not a literal of strings, lists and dicts: "
                    + e.getMessage(), e);
        }
    }

    /** The jobs of an Airflow pipeline literal, one per {@code steps} entry, in order. */
    static List<SubmittedJob> airflowJobs(String source, JsonNode pipeline) {
        Map<String, String> conf = new LinkedHashMap<>();
        pipeline.path("conf").fields().forEachRemaining(e -> conf.put(e.getKey(), e.getValue().asText()));
        List<SubmittedJob> jobs = new ArrayList<>();
        for (JsonNode step : pipeline.path("steps")) {
            List<String> args = new ArrayList<>();
            step.path("args").forEach(a -> args.add(a.asText()));
            jobs.add(new SubmittedJob(source + " step " + step.path("task_id").asText(),
                    pipeline.path("java_class").asText(null), pipeline.path("application").asText(null),
                    args, conf, Set.of()));
        }
        return jobs;
    }

    /** The index of the bracket that closes the one at {@code open}, skipping double-quoted strings. */
    private static int closingBracket(String text, int open) {
        int depth = 0;
        boolean inString = false;
        for (int i = open; i < text.length(); i++) {
            char c = text.charAt(i);
            if (inString) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    inString = false;
                }
            } else if (c == '"') {
                inString = true;
            } else if (c == '{' || c == '[') {
                depth++;
            } else if (c == '}' || c == ']') {
                depth--;
                if (depth == 0) {
                    return i;
                }
            }
        }
        throw new IllegalArgumentException("the literal at character " + open + " is not closed");
    }
}
