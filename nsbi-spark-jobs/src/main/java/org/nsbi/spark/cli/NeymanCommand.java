package org.nsbi.spark.cli;

import java.util.concurrent.Callable;
import org.nsbi.spark.actions.NeymanAction;
import org.nsbi.spark.actions.NsbiActions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "neyman", mixinStandardHelpOptions = true,
        header = "Builds the Neyman confidence belts from toys at every mu of the config's grid.",
        description = {"Runs the Neyman construction: toys at every mu of the config's grid, spread over the cluster",
                "as (mu point, block of toys) tasks, from the scored reference sample of an earlier 'score' run.",
                "Writes DIR/toys/ (Parquet), DIR/belts.csv, DIR/belts/ (Parquet) and DIR/summary.json."})
public final class NeymanCommand implements Callable<Integer> {

    @Mixin
    AnalysisRunOptions run;

    @Mixin
    NeymanOptions neyman;

    @Option(names = "--scored", required = true, paramLabel = "DIR", description = "The output folder of 'nsbi score' (or its scored/).")
    String scored;

    @Override
    public Integer call() {
        NeymanAction action = run.applyTo(NsbiActions.get(run.session("neyman")).neyman()).scored(scored);
        neyman.applyTo(action);
        action.execute();
        run.output.wrote(action);
        return 0;
    }
}
