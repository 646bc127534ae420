package org.nsbi.spark.actions;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.nsbi.model.UserError;
import org.nsbi.model.serve.ConnectToken;
import org.nsbi.spark.serve.ResultTables;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves the runs under a results folder to Spark Connect clients (Jupyter's pyspark, any Connect client) as the
 * global temporary views of {@link ResultTables}, registered again when runs are added or replaced. Clients must send
 * the token (from {@link #tokenFile}, else {@value ConnectToken#ENV}, else one generated and printed) unless
 * {@link #noAuth}. The Connect server is a plugin of the Spark session, so {@code execute()} starts the session with
 * the plugin, the address, the port and the token; it runs until the thread is interrupted.
 */
public final class ServeAction {

    /** The address the server binds to by default: this machine only. */
    public static final String HOST = "127.0.0.1";
    /** The Connect server's default port (Spark Connect's own). */
    public static final int PORT = 15002;
    /** How often, in seconds, the folder is looked at for runs added. */
    public static final int REFRESH_SECONDS = 10;

    static final String PLUGIN = "org.apache.spark.sql.connect.SparkConnectPlugin";

    private static final Logger LOG = LoggerFactory.getLogger(ServeAction.class);

    private final SparkStarter starter;
    private String results;
    private String host = HOST;
    private int port = PORT;
    private int refreshSeconds = REFRESH_SECONDS;
    private ConnectToken token;
    private boolean noAuth;

    ServeAction(SparkStarter starter) {
        this.starter = starter;
    }

    /** A run folder, or a folder of run folders (local path or any Hadoop URL). */
    public ServeAction results(String folder) {
        this.results = WritingAction.folder("--results", folder);
        return this;
    }

    /** The address the server binds to (default {@value #HOST}: this machine only). */
    public ServeAction host(String address) {
        if (address == null || address.isBlank()) {
            throw new UserError("--host is empty; expected the address to bind to (" + HOST + ": this machine only)");
        }
        this.host = address.strip();
        return this;
    }

    /** The server's port (default {@value #PORT}). */
    public ServeAction port(int port) {
        if (port < 1 || port > 65535) {
            throw new UserError("--port = " + port + "; expected a port in [1, 65535]");
        }
        this.port = port;
        return this;
    }

    /** Seconds between looks for runs added (default {@value #REFRESH_SECONDS}). */
    public ServeAction refreshSeconds(int seconds) {
        this.refreshSeconds = WritingAction.atLeast("--refresh", seconds, 1);
        return this;
    }

    /** Reads the token clients must send from the first line of a file, now. */
    public ServeAction tokenFile(String file) {
        if (noAuth) {
            throw excludeEachOther();
        }
        if (file == null || file.isBlank()) {
            throw new UserError("--token-file is empty; expected a file whose first line is the token");
        }
        this.token = ConnectToken.resolve(file, null);
        return this;
    }

    /** Accept clients without a token (anyone who reaches the port can run SQL with this process's file access). */
    public ServeAction noAuth(boolean on) {
        if (on && token != null) {
            throw excludeEachOther();
        }
        this.noAuth = on;
        return this;
    }

    private static UserError excludeEachOther() {
        return new UserError("--no-auth and --token-file exclude each other");
    }

    /** The token clients must send (null with {@link #noAuth}): the file's, else the environment's, else generated. */
    private ConnectToken resolveToken() {
        return noAuth ? null : token != null ? token : ConnectToken.resolve(null, System.getenv(ConnectToken.ENV));
    }

    /** The settings the session starts with: the Connect plugin, its address and port, and the token if any. */
    static Map<String, String> sparkSettings(String host, int port, ConnectToken token) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("spark.plugins", PLUGIN);
        settings.put("spark.connect.grpc.binding.address", host);
        settings.put("spark.connect.grpc.binding.port", String.valueOf(port));
        if (token != null) {
            settings.put("spark.connect.authenticate.token", token.value());
        }
        return settings;
    }

    /**
     * Starts the session with the Connect server, registers the views and registers them again when runs are added,
     * until the thread is interrupted.
     *
     * @throws UserError             when no folder was given, or it does not exist or holds no run
     * @throws IllegalStateException when the starter gave a session started without the Connect plugin
     */
    public void execute() throws InterruptedException {
        if (results == null) {
            throw new UserError("no results folder; expected --results DIR");
        }
        ConnectToken token = resolveToken();
        SparkSession session = starter.start(sparkSettings(host, port, token));
        if (!session.sparkContext().getConf().get("spark.plugins", "").contains(PLUGIN)) {
            throw new IllegalStateException("the Spark session was started before 'serve' could add the Connect plugin;"
                    + " run serve in a JVM of its own");
        }
        List<String> seen = ResultTables.fingerprint(session, results);
        LOG.info("nsbi serve: Spark Connect at sc://{}:{} serving {}: {}", host, port, results,
                list(ResultTables.register(session, results)));
        if (token == null) {
            LOG.warn("nsbi serve: no authentication (--no-auth): anyone who reaches the port can run SQL here");
        } else {
            boolean generated = "generated".equals(token.source());
            LOG.info("nsbi serve: clients must send the token ({}{}); on this machine connect with {}", token.source(),
                    generated ? ": " + token.value() : "",
                    generated ? token.localUrl(port) : "sc://localhost:" + port + "/;token=TOKEN");
        }
        LOG.info("nsbi serve: ready; stop with Ctrl-C");
        while (true) {
            Thread.sleep(refreshSeconds * 1000L);
            try {
                List<String> now = ResultTables.fingerprint(session, results);
                if (!now.equals(seen)) {
                    LOG.info("nsbi serve: views refreshed: {}", list(ResultTables.register(session, results)));
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
