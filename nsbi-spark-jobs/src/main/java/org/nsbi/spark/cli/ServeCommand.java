package org.nsbi.spark.cli;

import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.apache.spark.sql.SparkSession;
import org.nsbi.spark.serve.ResultTables;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Serves the runs under a results folder through Spark Connect, for inspection from Jupyter",
                "(pyspark: SparkSession.builder.remote(\"sc://HOST:PORT\")) or any Spark Connect client: the global",
                "temporary views global_temp.runs, belts, toys, intervals and scores, each with a run column.",
                "Listens on 127.0.0.1 unless --host says otherwise; runs until stopped (Ctrl-C)."})
public final class ServeCommand implements Callable<Integer> {

    static final String PLUGIN = "org.apache.spark.sql.connect.SparkConnectPlugin";

    @Mixin
    SparkOptions spark;

    @Option(names = "--results", required = true, paramLabel = "DIR",
            description = "A run folder, or a folder of run folders (local path or any Hadoop URL).")
    String results;

    @Option(names = "--host", defaultValue = "127.0.0.1",
            description = "The address the Connect server binds to. Default: ${DEFAULT-VALUE} (this machine only);"
                    + " see the README before exposing it.")
    String host;

    @Option(names = "--port", defaultValue = "15002", description = "The Connect server's port. Default: ${DEFAULT-VALUE}.")
    int port;

    @Override
    public Integer call() throws InterruptedException {
        spark.conf.put("spark.plugins", PLUGIN);
        spark.conf.put("spark.connect.grpc.binding.address", host);
        spark.conf.put("spark.connect.grpc.binding.port", String.valueOf(port));
        SparkSession session = spark.session("nsbi serve");
        if (!session.sparkContext().getConf().get("spark.plugins", "").contains(PLUGIN)) {
            throw new IllegalStateException("the Spark session was started before 'serve' could add the Connect plugin;"
                    + " run serve in a JVM of its own");
        }
        Map<String, Integer> tables = ResultTables.register(session, results);
        StringBuilder list = new StringBuilder();
        tables.forEach((t, runs) -> list.append(list.isEmpty() ? "" : ", ").append("global_temp.").append(t)
                .append(" (").append(runs).append(runs == 1 ? " run)" : " runs)"));
        System.err.println("nsbi serve: Spark Connect at sc://" + host + ":" + port + " serving " + results + ": " + list);
        System.err.println("nsbi serve: ready; stop with Ctrl-C");
        new CountDownLatch(1).await();
        return 0;
    }
}
