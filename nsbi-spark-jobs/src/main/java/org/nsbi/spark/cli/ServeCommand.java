package org.nsbi.spark.cli;

import java.util.concurrent.Callable;
import org.nsbi.spark.actions.NsbiActions;
import org.nsbi.spark.actions.ServeAction;
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

    @Mixin
    SparkOptions spark;

    @Option(names = "--results", required = true, paramLabel = "DIR",
            description = "A run folder, or a folder of run folders (local path or any Hadoop URL).")
    String results;

    @Option(names = "--host", paramLabel = "ADDRESS", defaultValue = ServeAction.HOST,
            description = "The address the Connect server binds to. Default: ${DEFAULT-VALUE} (this machine only);"
                    + " see the README before exposing it.")
    String host;

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "" + ServeAction.PORT,
            description = "The Connect server's port. Default: ${DEFAULT-VALUE}.")
    int port;

    @Option(names = "--token-file", paramLabel = "FILE",
            description = "A file whose first line is the token clients must send (default: $NSBI_CONNECT_TOKEN, else a token generated and printed at start).")
    String tokenFile;

    @Option(names = "--no-auth", description = "Accept clients without a token (anyone who reaches the port can run SQL with this process's file access).")
    boolean noAuth;

    @Option(names = "--refresh", paramLabel = "SECONDS", defaultValue = "" + ServeAction.REFRESH_SECONDS,
            description = "How often to look for runs added (or replaced) under --results and register the views again. Default: ${DEFAULT-VALUE}.")
    int refreshSeconds;

    @Override
    public Integer call() throws InterruptedException {
        ServeAction serve = NsbiActions.starting(settings -> spark.sessionWithMlFunctions("nsbi serve", settings)).serve()
                .results(results).host(host).port(port).refreshSeconds(refreshSeconds).noAuth(noAuth);
        if (tokenFile != null) {
            serve.tokenFile(tokenFile);
        }
        serve.execute();
        return 0;
    }
}
