package org.nsbi.spark.cli;

import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import org.nsbi.model.UserError;
import org.nsbi.model.serve.ConnectToken;
import org.nsbi.spark.serve.ResultTables;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "serve", mixinStandardHelpOptions = true,
        header = "Serves the runs under a folder to Spark Connect clients such as Jupyter.",
        description = {"Serves the runs under a results folder through Spark Connect, for inspection from Jupyter",
                "(pyspark: SparkSession.builder.remote(\"sc://localhost:PORT/;token=TOKEN\")) or any Spark Connect client: the",
                "global temporary views global_temp.runs, belts, toys, intervals, coverage and scores, each with a run column,",
                "refreshed when runs are added. Clients must send the token (generated and printed, or --token-file, or",
                "$NSBI_CONNECT_TOKEN) unless --no-auth. Listens on 127.0.0.1 unless --host says otherwise; runs until stopped."})
public final class ServeCommand implements Callable<Integer> {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ServeCommand.class);

    static final String PLUGIN = "org.apache.spark.sql.connect.SparkConnectPlugin";

    @Mixin
    SparkOptions spark;

    @Option(names = "--results", required = true, paramLabel = "DIR",
            description = "A run folder, or a folder of run folders (local path or any Hadoop URL).")
    String results;

    @Option(names = "--host", paramLabel = "ADDRESS", defaultValue = "127.0.0.1",
            description = "The address the Connect server binds to. Default: ${DEFAULT-VALUE} (this machine only);"
                    + " see the README before exposing it.")
    String host;

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "15002", description = "The Connect server's port. Default: ${DEFAULT-VALUE}.")
    int port;

    @Option(names = "--token-file", paramLabel = "FILE",
            description = "A file whose first line is the token clients must send (default: $NSBI_CONNECT_TOKEN, else a token generated and printed at start).")
    String tokenFile;

    @Option(names = "--no-auth", description = "Accept clients without a token (anyone who reaches the port can run SQL with this process's file access).")
    boolean noAuth;

    @Option(names = "--refresh", paramLabel = "SECONDS", defaultValue = "10",
            description = "How often to look for runs added (or replaced) under --results and register the views again. Default: ${DEFAULT-VALUE}.")
    int refreshSeconds;

    @Override
    public Integer call() throws InterruptedException {
        if (noAuth && tokenFile != null) {
            throw new UserError("--no-auth and --token-file exclude each other");
        }
        ConnectToken token = noAuth ? null : ConnectToken.resolve(tokenFile, System.getenv(ConnectToken.ENV));
        spark.conf.put("spark.plugins", PLUGIN);
        spark.conf.put("spark.connect.grpc.binding.address", host);
        spark.conf.put("spark.connect.grpc.binding.port", String.valueOf(port));
        if (token != null) {
            spark.conf.put("spark.connect.authenticate.token", token.value());
        }
        SparkSession session = spark.session("nsbi serve");
        if (!session.sparkContext().getConf().get("spark.plugins", "").contains(PLUGIN)) {
            throw new IllegalStateException("the Spark session was started before 'serve' could add the Connect plugin;"
                    + " run serve in a JVM of its own");
        }
        List<String> seen = ResultTables.fingerprint(session, results);
        Map<String, Integer> tables = ResultTables.register(session, results);
        System.err.println("nsbi serve: Spark Connect at sc://" + host + ":" + port + " serving " + results + ": " + list(tables));
        if (token == null) {
            LOG.warn("nsbi serve: no authentication (--no-auth): anyone who reaches the port can run SQL here");
        } else {
            System.err.println("nsbi serve: clients must send the token (" + token.source() + ")"
                    + ("generated".equals(token.source()) ? ": " + token.value() : "") + "; on this machine connect with "
                    + ("generated".equals(token.source()) ? token.localUrl(port) : "sc://localhost:" + port + "/;token=TOKEN"));
        }
        System.err.println("nsbi serve: ready; stop with Ctrl-C");
        while (true) {
            Thread.sleep(Math.max(1, refreshSeconds) * 1000L);
            try {
                List<String> now = ResultTables.fingerprint(session, results);
                if (!now.equals(seen)) {
                    System.err.println("nsbi serve: views refreshed: " + list(ResultTables.register(session, results)));
                    seen = now;
                }
            } catch (RuntimeException e) {
                LOG.warn("nsbi serve: could not refresh the views: {}", e.getMessage());
            }
        }
    }

    private static String list(Map<String, Integer> tables) {
        StringBuilder list = new StringBuilder();
        tables.forEach((t, runs) -> list.append(list.isEmpty() ? "" : ", ").append("global_temp.").append(t)
                .append(" (").append(runs).append(runs == 1 ? " run)" : " runs)"));
        return list.toString();
    }
}
