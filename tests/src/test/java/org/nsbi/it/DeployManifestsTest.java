package org.nsbi.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.nsbi.model.config.AnalysisConfig;
import org.nsbi.model.config.AnalysisConfigParser;
import org.nsbi.model.config.EventSource;

/**
 * The deploy manifests (deploy/k8s: Spark operator applications; deploy/airflow: the DAG) against the jar's command
 * line, the pipeline's own chaining, and the safe defaults (authentication on with a secret that is not in the repo,
 * nothing listening beyond 127.0.0.1 unless the user chooses so).
 */
class DeployManifestsTest {

    private static final Path REPO = Checkout.root();
    private static final DeployJobChecks CHECKS = new DeployJobChecks(Checkout.IMAGE_JAR, REPO);
    private static final Path DAG = REPO.resolve("deploy/airflow/nsbi_pipeline.py");
    private static final Path PIPELINE_CONFIG = REPO.resolve("deploy/config/offshell-toy-pipeline.yaml");

    @Test
    void everyKubernetesApplicationRunsAnNsbiCommandTheJarAccepts() throws IOException {
        List<String> kinds = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (Path file : files("deploy/k8s", ".yaml")) {
            for (JsonNode doc : DeployManifestReader.yamlDocuments(Files.readString(file))) {
                JsonNode spec = DeployManifestReader.applicationSpec(doc);
                if (spec == null) {
                    continue;
                }
                String source = REPO.relativize(file) + " (" + doc.path("kind").asText() + " " + doc.path("metadata").path("name").asText() + ")";
                kinds.add(doc.path("kind").asText());
                problems.addAll(CHECKS.problems(DeployManifestReader.kubernetesJob(source, spec)));
                problems.addAll(operatorSpecProblems(source, doc, spec));
            }
        }
        assertEquals(List.of(), problems);
        assertTrue(kinds.contains("SparkApplication") && kinds.contains("ScheduledSparkApplication"),
                "expected a SparkApplication and a ScheduledSparkApplication in deploy/k8s, found " + kinds);
    }

    private static List<String> operatorSpecProblems(String source, JsonNode doc, JsonNode spec) {
        List<String> problems = new ArrayList<>();
        expect(problems, source, "apiVersion", doc.path("apiVersion").asText(), DeployManifestReader.OPERATOR_API);
        expect(problems, source, "type", spec.path("type").asText(), "Java");
        expect(problems, source, "mode", spec.path("mode").asText(), "cluster");
        expect(problems, source, "sparkVersion", spec.path("sparkVersion").asText(), "4.0.0");
        if (!spec.path("mainApplicationFile").asText().startsWith("local://" + DeployJobChecks.IMAGE_HOME + "lib/")) {
            problems.add(source + ": mainApplicationFile should be the jar in the image, local://"
                    + DeployJobChecks.IMAGE_HOME + "lib/...");
        }
        if (doc.path("kind").asText().equals("ScheduledSparkApplication")) {
            if (doc.path("spec").path("schedule").asText().isBlank()) {
                problems.add(source + ": no spec.schedule");
            }
            if (!Set.of("Allow", "Forbid", "Replace").contains(doc.path("spec").path("concurrencyPolicy").asText())) {
                problems.add(source + ": spec.concurrencyPolicy should be Allow, Forbid or Replace");
            }
        }
        return problems;
    }

    private static void expect(List<String> problems, String source, String field, String found, String expected) {
        if (!expected.equals(found)) {
            problems.add(source + ": " + field + " '" + found + "', expected '" + expected + "'");
        }
    }

    @Test
    void theAirflowDagChainsSimulateAndRunWithCommandsTheJarAccepts() throws IOException {
        String python = Files.readString(DAG);
        JsonNode pipeline = DeployManifestReader.airflowPipeline(python);
        List<SubmittedJob> jobs = DeployManifestReader.airflowJobs(REPO.relativize(DAG).toString(), pipeline);
        assertEquals(List.of("simulate", "run"), jobs.stream().map(j -> j.args().get(0)).toList());
        List<String> steps = new ArrayList<>();
        pipeline.path("steps").forEach(s -> steps.add(s.path("task_id").asText()));
        assertEquals(List.of("simulate", "run"), steps);
        assertEquals(List.of(), jobs.stream().flatMap(j -> CHECKS.problems(j).stream()).toList());

        // the operators are built from PIPELINE and chained in its order
        for (String use : List.of("application=PIPELINE[\"application\"]", "java_class=PIPELINE[\"java_class\"]",
                "conf=PIPELINE[\"conf\"]", "application_args=step[\"args\"]", "for step in PIPELINE[\"steps\"]", "chain(*[")) {
            assertTrue(python.contains(use), "the DAG should build its operators with " + use);
        }

        // 'run' reads the pipeline config, whose samples 'simulate' writes
        SubmittedJob simulate = jobs.get(0);
        SubmittedJob run = jobs.get(1);
        String config = DeployJobChecks.IMAGE_HOME + REPO.relativize(PIPELINE_CONFIG);
        assertEquals(config, run.option("--config"), run.source());
        // and the config's samples are the ones 'simulate' writes
        String simulated = simulate.option("--out");
        AnalysisConfig analysis = AnalysisConfigParser.withDefaults().parse(PIPELINE_CONFIG);
        List<String> samples = new ArrayList<>();
        for (EventSource s : analysis.reference()) {
            samples.add(((EventSource.Files) s).paths().get(0));
        }
        assertEquals(List.of(simulated + "/samples/S", simulated + "/samples/B", simulated + "/samples/NI"), samples);
        assertEquals("S,B,NI", simulate.option("--samples"));
        assertEquals(List.of(simulated + "/observed"), ((EventSource.Files) analysis.observed().get(0)).paths());
    }

    @Test
    void thePipelineConfigIsTheExampleAnalysisWithTheSimulatedSamples() throws IOException {
        JsonNode pipeline = DeployManifestReader.yamlDocuments(Files.readString(PIPELINE_CONFIG)).get(0);
        JsonNode example = DeployManifestReader.yamlDocuments(
                Files.readString(REPO.resolve("submit/examples/offshell-toy.yaml"))).get(0);
        for (String key : List.of("features", "processes", "systematics", "poi", "neyman", "bad_ratios")) {
            assertEquals(example.path(key), pipeline.path(key), key);
        }
        // valid, with every ONNX network found at ../../../shared (the HDFS samples are checked by Spark at run time)
        AnalysisConfig analysis = AnalysisConfigParser.withDefaults().parse(PIPELINE_CONFIG);
        assertEquals(4, analysis.processes().size());
    }

    @Test
    void theDagIsValidPython() throws Exception {
        assumeTrue(commandExists("python3"), "no python3 on this machine: the DAG's syntax is not checked");
        Path out = Files.createTempDirectory("nsbi-dag-");
        Process p = new ProcessBuilder("python3", "-c",
                "import ast, sys; ast.parse(open(sys.argv[1]).read(), sys.argv[1])", DAG.toString())
                .redirectErrorStream(true).redirectOutput(out.resolve("log").toFile()).start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), Files.readString(out.resolve("log")));
    }

    private static boolean commandExists(String name) {
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator))
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, name)));
    }

    /** {@code spark.authenticate.secret} (not .file) set to a value, in any syntax: YAML, JSON, --conf k=v. */
    private static final Pattern SECRET_SETTING = Pattern.compile(
            "spark\\.authenticate\\.secret(?![.\\w])[\"']?\\s*[:=]\\s*[\"']?([^\"'\\s,]*)"
                    + "|^\\s*spark\\.authenticate\\.secret\\s+(\\S+)"); // the second: spark-defaults.conf lines

    /** A shell variable whose name says it holds a secret, assigned a value: {@code NSBI_SPARK_AUTH_SECRET=...}. */
    private static final Pattern SECRET_VARIABLE = Pattern.compile("\\b([A-Z_]*SECRET[A-Z_]*)=[\"']?([^\"'\\s;]*)");

    @Test
    void noSecretIsWrittenAndNothingListensBeyondLoopbackUnlessTheUserChooses() throws IOException {
        List<String> problems = new ArrayList<>();
        for (Path file : Stream.concat(files("deploy", "").stream(), files("docker", "").stream()).toList()) {
            problems.addAll(textProblems(REPO.relativize(file).toString(), Files.readString(file)));
            if (file.toString().endsWith(".yaml")) {
                for (JsonNode doc : DeployManifestReader.yamlDocuments(Files.readString(file))) {
                    if (doc.path("kind").asText().equals("Secret")) {
                        problems.add(REPO.relativize(file) + ": a Kubernetes Secret is written in the repo; create it with kubectl");
                    }
                }
            }
        }
        assertEquals(List.of(), problems);
    }

    /** Lines that write a secret's value, or bind to every interface without saying it is the user's choice. */
    static List<String> textProblems(String source, String text) {
        List<String> problems = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (line.contains("0.0.0.0") && !line.contains("user's choice")) {
                problems.add(source + ":" + (i + 1) + ": binds to 0.0.0.0 without a comment saying it is the user's choice");
            }
            Matcher m = SECRET_SETTING.matcher(line);
            while (m.find()) {
                String value = m.group(1) != null ? m.group(1) : m.group(2);
                if (writtenValue(value)) {
                    problems.add(source + ":" + (i + 1) + ": spark.authenticate.secret is written as '" + value
                            + "'; take it from the environment, an Airflow connection or a Kubernetes Secret");
                }
            }
            Matcher v = SECRET_VARIABLE.matcher(line);
            while (v.find()) {
                if (writtenValue(v.group(2))) {
                    problems.add(source + ":" + (i + 1) + ": " + v.group(1) + " is assigned the literal '" + v.group(2)
                            + "'; take it from the environment or generate it");
                }
            }
        }
        return problems;
    }

    /** A value written in the file, not taken from a template ({{ }}), a variable or command ($) or a placeholder (<>). */
    private static boolean writtenValue(String value) {
        // templates, variables, command substitutions (also escaped inside a message: \$(...)) and placeholders
        return !value.isEmpty() && !value.startsWith("{{") && !value.startsWith("$") && !value.startsWith("\\$")
                && !value.startsWith("<");
    }

    // ---- the checks themselves fail on a manifest that is wrong ----

    private static final String GOOD_APPLICATION = """
            apiVersion: sparkoperator.k8s.io/v1beta2
            kind: SparkApplication
            metadata: {name: t}
            spec:
              type: Java
              mode: cluster
              sparkVersion: "4.0.0"
              mainClass: org.nsbi.spark.cli.NsbiCommand
              mainApplicationFile: local:///opt/nsbi/nsbi-spark/lib/JAR
              arguments: [ARGS]
              sparkConf:
                spark.authenticate: "true"
                spark.authenticate.secret.file: /etc/auth/secret
                spark.ui.enabled: "false"
              driver:
                secrets: [{name: auth, path: /etc/auth, secretType: Generic}]
              executor:
                secrets: [{name: auth, path: /etc/auth, secretType: Generic}]
            """;

    private static List<String> problemsOf(String yaml) {
        JsonNode doc = DeployManifestReader.yamlDocuments(yaml.replace("JAR", Checkout.IMAGE_JAR)).get(0);
        return CHECKS.problems(DeployManifestReader.kubernetesJob("mem.yaml", DeployManifestReader.applicationSpec(doc)));
    }

    private static String withArgs(String args) {
        return GOOD_APPLICATION.replace("ARGS", args);
    }

    @Test
    void aCorrectInMemoryManifestPasses() {
        assertEquals(List.of(), problemsOf(withArgs("neyman, --config, c.yaml, --scored, s, --out, o, --toys, '50'")));
    }

    @Test
    void anOptionTheCommandDoesNotHaveFails() {
        assertEquals(List.of("mem.yaml: nsbi neyman does not accept [--config, c.yaml, --scored, s, --out, o, --toyz, 50]: "
                        + "Unknown options: '--toyz', '50'"),
                problemsOf(withArgs("neyman, --config, c.yaml, --scored, s, --out, o, --toyz, '50'")));
    }

    @Test
    void aCommandTheJarDoesNotHaveFails() {
        List<String> problems = problemsOf(withArgs("belts, --out, o"));
        assertEquals(1, problems.size());
        assertTrue(problems.get(0).startsWith("mem.yaml: 'belts' is not an nsbi command (it has [")
                && problems.get(0).contains("run, demo, ") && problems.get(0).contains(", neyman, interval, "), problems.get(0));
    }

    @Test
    void aMissingRequiredOptionOrAValueOfTheWrongTypeFails() {
        assertEquals(List.of("mem.yaml: nsbi interval does not accept [--config, c.yaml, --scored, s, --out, o]: "
                        + "Missing required option: '--run=DIR'"),
                problemsOf(withArgs("interval, --config, c.yaml, --scored, s, --out, o")));
        List<String> typed = problemsOf(withArgs("simulate, --out, o, --seed, '{{ run_id }}'"));
        assertEquals(1, typed.size());
        assertTrue(typed.get(0).contains("Invalid value for option '--seed': '{{ run_id }}' is not a long"), typed.get(0));
    }

    @Test
    void anotherMainClassOrJarFails() {
        String yaml = withArgs("demo, --out, o").replace("mainClass: org.nsbi.spark.cli.NsbiCommand", "mainClass: org.example.Main")
                .replace("lib/JAR", "lib/nsbi-old.jar");
        assertEquals(List.of("mem.yaml: main class 'org.example.Main', expected org.nsbi.spark.cli.NsbiCommand",
                "mem.yaml: application 'local:///opt/nsbi/nsbi-spark/lib/nsbi-old.jar' is not the shaded jar "
                        + Checkout.IMAGE_JAR), problemsOf(yaml));
    }

    @Test
    void aPathTheImageDoesNotCarryFails() {
        assertEquals(List.of("mem.yaml: names /opt/nsbi/nsbi-spark/submit/examples/missing.yaml, but the checkout has no "
                        + "submit/examples/missing.yaml"),
                problemsOf(withArgs("demo, --config, /opt/nsbi/nsbi-spark/submit/examples/missing.yaml, --out, o")));
    }

    @Test
    void aLiteralSecretNoAuthenticationAnUnmountedSecretFileOrTheUiFail() {
        String literal = withArgs("demo, --out, o").replace("spark.authenticate.secret.file: /etc/auth/secret",
                "spark.authenticate.secret: hunter2");
        assertEquals(List.of("mem.yaml: spark.authenticate.secret is written in the file; take it from an Airflow connection "
                + "({{ conn.<id>.password }}) or a Kubernetes Secret (spark.authenticate.secret.file)"), problemsOf(literal));
        assertEquals(List.of("mem.yaml: spark.authenticate must be \"true\", found \"false\""),
                problemsOf(withArgs("demo, --out, o").replace("spark.authenticate: \"true\"", "spark.authenticate: \"false\"")));
        String unmounted = withArgs("demo, --out, o").replace("executor:\n    secrets: [{name: auth, path: /etc/auth, secretType: Generic}]",
                "executor: {}");
        assertEquals(List.of("mem.yaml: spark.authenticate.secret.file /etc/auth/secret is not in a Kubernetes Secret mounted "
                + "into both the driver and the executors (mounted: [])"), problemsOf(unmounted));
        assertEquals(List.of("mem.yaml: spark.ui.enabled must be \"false\" (the UI listens on every interface), found nothing"),
                problemsOf(withArgs("demo, --out, o").replace("spark.ui.enabled: \"false\"", "")));
        assertEquals(List.of("mem.yaml: spark.driver.bindAddress = 0.0.0.0: expected 127.0.0.1 unless the user sets another address"),
                problemsOf(withArgs("demo, --out, o").replace("spark.ui.enabled: \"false\"",
                        "spark.ui.enabled: \"false\"\n    spark.driver.bindAddress: 0.0.0.0")));
    }

    @Test
    void theTextScanFindsWrittenSecretsAndWildcardBinds() {
        assertEquals(List.of(
                        "x:1: spark.authenticate.secret is written as 'hunter2'; take it from the environment, an Airflow connection or a Kubernetes Secret",
                        "x:2: spark.authenticate.secret is written as 's3cr3t'; take it from the environment, an Airflow connection or a Kubernetes Secret",
                        "x:4: binds to 0.0.0.0 without a comment saying it is the user's choice",
                        "x:6: spark.authenticate.secret is written as 'abc123'; take it from the environment, an Airflow connection or a Kubernetes Secret",
                        "x:8: NSBI_SPARK_AUTH_SECRET is assigned the literal 'abc123'; take it from the environment or generate it"),
                textProblems("x", String.join("\n",
                        "--conf spark.authenticate.secret=hunter2",
                        "  \"spark.authenticate.secret\": \"s3cr3t\",",
                        "spark.authenticate.secret.file: /etc/auth/secret --conf spark.authenticate.secret=\"$NSBI_SECRET\"",
                        "--host 0.0.0.0",
                        "--host 0.0.0.0   # the user's choice: --listen-all",
                        "spark.authenticate.secret   abc123",
                        "echo \"spark.authenticate.secret $NSBI_SPARK_AUTH_SECRET\" >> conf; export NSBI_SPARK_AUTH_SECRET=\"$(openssl rand -hex 32)\"",
                        "export NSBI_SPARK_AUTH_SECRET=abc123",
                        "secretType: Generic",
                        "die \"set it, e.g. export NSBI_SPARK_AUTH_SECRET=\\$(head -c 32 /dev/urandom | base64)\"")));
    }

    @Test
    void theDagReaderReadsAPipelineLiteralAndRefusesAnExpression() {
        JsonNode p = DeployManifestReader.airflowPipeline("X = 1\nPIPELINE = {\"steps\": [{\"task_id\": \"a\", \"args\": [\"demo\", \"}\"],},],}\nrest");
        assertEquals("}", p.path("steps").get(0).path("args").get(1).asText());
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> DeployManifestReader.airflowPipeline("PIPELINE = {\"application\": JAR + \"x\"}"));
        assertTrue(e.getMessage().startsWith("PIPELINE is not a literal of strings, lists and dicts"), e.getMessage());
        assertFalse(DeployManifestReader.airflowJobs("d", p).isEmpty());
    }

    private static List<Path> files(String folder, String suffix) throws IOException {
        try (Stream<Path> s = Files.walk(REPO.resolve(folder))) {
            return s.filter(Files::isRegularFile).filter(f -> f.toString().endsWith(suffix)).sorted().toList();
        }
    }
}
