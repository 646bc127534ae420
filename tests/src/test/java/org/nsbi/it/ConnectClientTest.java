package org.nsbi.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.nsbi.model.output.IntervalSummary;
import org.nsbi.model.output.Json;
import org.nsbi.stats.interval.ConfidenceInterval;

/**
 * {@code submit/nsbi serve} in a JVM of its own, queried from another JVM that has only the Spark Connect JVM
 * client on its class path (tests/connect-client): a client without the server's token is refused; with it, the
 * runs' belts, toys, intervals and per-event scores come back as they are in the files (a run added while the server
 * runs among them), and every query of submit/examples/belt-inspection.ipynb runs.
 */
class ConnectClientTest {

    @Test
    void theRunsAreTablesForASparkConnectClientInAnotherJvmThatSendsTheToken() throws Exception {
        SmallExactRun run = SmallExactRun.get();
        int port = ChildProcess.freeLoopbackPort();
        ChildProcess server = ChildProcess.start(run.dir.resolve("serve.log"), Map.of(), List.of(
                Checkout.root().resolve("submit/nsbi").toString(), "serve", "--results", run.dir.toString(),
                "--port", String.valueOf(port), "--master", "local[1]", "--refresh", "1"));
        try {
            server.awaitWhileRunning(() -> logHas(server.log, "nsbi serve: ready"), 180, "Connect server ready");
            assertTrue(logHas(server.log, "Spark Connect at sc://127.0.0.1:" + port), server.tail());
            Matcher printed = Pattern.compile("connect with (sc://localhost:" + port + "/;token=([0-9a-f]{48}))")
                    .matcher(Files.readString(server.log));
            assertTrue(printed.find(), "the generated token is printed with the connection string: " + server.tail());
            String url = printed.group(1);

            // without the token: refused
            Path refusedLog = run.dir.resolve("connect-client-no-token.log");
            int refused = ChildProcess.start(refusedLog, Map.of(), clientArgs("sc://localhost:" + port,
                    List.of("SELECT count(*) FROM global_temp.belts"))).waitFor(180);
            assertTrue(refused != 0, "a client without the token must fail: " + Files.readString(refusedLog));
            assertTrue(Files.readString(refusedLog).contains("No authentication token provided"), Files.readString(refusedLog));
            assertTrue(!Files.readString(refusedLog).contains("#query "), "no query answered: " + Files.readString(refusedLog));

            // a run added while the server runs appears in the views without a restart
            run.nsbi("interval", "--config", run.config.toString(), "--scored", run.scored.toString(),
                    "--run", run.localNeyman.toString(), "--out", run.dir.resolve("interval-local").toString(),
                    "--scan-steps", "20");
            server.awaitWhileRunning(() -> logHas(server.log, "nsbi serve: views refreshed"), 120, "views refreshed");

            Map<String, String> notebook = notebookQueries();
            List<String> queries = new ArrayList<>(notebook.values());
            queries.add("SELECT mu, cl, t_crit, n_toys FROM global_temp.belts WHERE run = 'neyman-local2' ORDER BY cl, mu");
            queries.add("SELECT count(*), sum(CAST(converged AS INT)) FROM global_temp.toys WHERE run = 'neyman-local2'");
            queries.add("SELECT method, cl, lo, hi FROM global_temp.intervals WHERE run = 'interval-local' AND piece = 0"
                    + " ORDER BY cl, method");
            queries.add("SELECT sample, count(*), round(sum(weight), 3) FROM global_temp.scores WHERE run = 'scored'"
                    + " GROUP BY sample ORDER BY sample");
            List<String> args = clientArgs(url, queries);
            Path clientLog = run.dir.resolve("connect-client.log");
            assertEquals(0, ChildProcess.start(clientLog, Map.of(), args).waitFor(180), Files.readString(clientLog));
            List<List<String>> results = results(Files.readString(clientLog));
            assertEquals(queries.size(), results.size(), Files.readString(clientLog));

            for (int q = 0; q < notebook.size(); q++) {
                assertTrue(results.get(q).size() > 0, "the notebook's " + new ArrayList<>(notebook.keySet()).get(q)
                        + " returns rows: " + queries.get(q));
            }
            int n = notebook.size();
            // belts: the same numbers as belts.csv
            List<String> csv = Files.readAllLines(run.localNeyman.resolve("belts.csv"));
            List<String> expected = new ArrayList<>();
            for (String line : csv.subList(1, csv.size())) {
                String[] f = line.split(",");
                expected.add(Double.parseDouble(f[0]) + "\t" + Double.parseDouble(f[1]) + "\t" + Double.parseDouble(f[2])
                        + "\t" + Integer.parseInt(f[5]));
            }
            expected.sort(java.util.Comparator.comparing((String s) -> Double.parseDouble(s.split("\t")[1]))
                    .thenComparing(s -> Double.parseDouble(s.split("\t")[0])));
            assertEquals(expected, results.get(n), "belts through Connect equal belts.csv");
            assertEquals(List.of(run.totalToys() + "\t" + run.totalToys()), results.get(n + 1), "every toy, all converged");
            List<ConfidenceInterval> intervals = Json.read(Files.readString(run.dir.resolve("interval-local/summary.json")),
                    IntervalSummary.class, "summary.json").interval().intervals();
            assertEquals(4, results.get(n + 2).size(), "Neyman and Wilks at two levels");
            for (ConfidenceInterval i : intervals) {
                String row = i.method() + "\t" + i.cl() + "\t" + i.pieces().get(0)[0] + "\t" + i.pieces().get(0)[1];
                assertTrue(results.get(n + 2).contains(row), row + " in " + results.get(n + 2));
            }
            List<String> scores = results.get(n + 3);
            assertEquals(2, scores.size(), "observed and reference events: " + scores);
            assertTrue(scores.get(1).startsWith("reference\t12000\t"), "every reference event, one row each: " + scores);
            double refWeight = Double.parseDouble(scores.get(1).split("\t")[2]);
            assertEquals(585.0, refWeight, 0.01, "the reference's total weight is nu_S + nu_B + nu_NI = 35 + 150 + 400");
        } finally {
            server.process.destroy();
            server.waitFor(60);
        }
    }

    /** The QUERY_* constants of the belt-inspection notebook, in order. */
    static Map<String, String> notebookQueries() throws IOException {
        JsonNode nb = new ObjectMapper().readTree(Checkout.root().resolve("submit/examples/belt-inspection.ipynb").toFile());
        Map<String, String> queries = new LinkedHashMap<>();
        Pattern p = Pattern.compile("^(QUERY_\\w+) = \"(.*)\"$");
        for (JsonNode cell : nb.get("cells")) {
            if (!"code".equals(cell.get("cell_type").asText())) {
                continue;
            }
            StringBuilder src = new StringBuilder();
            cell.get("source").forEach(l -> src.append(l.asText()));
            for (String line : src.toString().split("\n")) {
                Matcher m = p.matcher(line.strip());
                if (m.matches()) {
                    queries.put(m.group(1), m.group(2));
                }
            }
        }
        assertTrue(queries.keySet().containsAll(List.of("QUERY_RUNS", "QUERY_BELTS", "QUERY_INTERVALS", "QUERY_TOYS")),
                "the notebook's queries: " + queries.keySet());
        return queries;
    }

    /** The rows of each query in ConnectQuery's output. */
    private static List<List<String>> results(String output) {
        List<List<String>> all = new ArrayList<>();
        List<String> current = null;
        for (String line : output.split("\n")) {
            if (line.startsWith("#query ")) {
                current = new ArrayList<>();
                all.add(current);
            } else if (line.startsWith("#rows ")) {
                current = null;
            } else if (current != null) {
                current.add(line);
            }
        }
        return all;
    }

    private static boolean logHas(Path log, String text) {
        try {
            return Files.exists(log) && Files.readString(log).contains(text);
        } catch (IOException e) {
            return false;
        }
    }

    /** ConnectQuery in a JVM of its own against {@code url}, with {@code queries}. */
    private static List<String> clientArgs(String url, List<String> queries) {
        List<String> args = new ArrayList<>(List.of(java(), "--add-opens=java.base/java.nio=ALL-UNNAMED",
                "-cp", clientClassPath(), "org.nsbi.it.connect.ConnectQuery", url));
        args.addAll(queries);
        return args;
    }

    private static String clientClassPath() {
        Path client = Checkout.root().resolve("tests/connect-client/target");
        if (!Files.isDirectory(client.resolve("lib"))) {
            throw new IllegalStateException("no " + client.resolve("lib") + "; build first: mvn -B -ntp -DskipTests package");
        }
        return client.resolve("lib") + "/*" + java.io.File.pathSeparator + client.resolve("classes");
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

}
