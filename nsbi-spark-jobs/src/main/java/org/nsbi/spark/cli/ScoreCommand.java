package org.nsbi.spark.cli;

import java.util.concurrent.Callable;
import org.nsbi.spark.actions.NsbiActions;
import org.nsbi.spark.actions.ScoreAction;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "score", mixinStandardHelpOptions = true,
        header = "Scores every reference and observed event once with the analysis's ratios.",
        description = {"Scores every reference and observed event once with the analysis's ratio networks",
                "(broadcast to executors) and writes DIR/scored/{reference,observed} and DIR/scored.json",
                "(closure of each ratio on the reference sample, observed aux measurements)."})
public final class ScoreCommand implements Callable<Integer> {

    @Mixin
    AnalysisRunOptions run;

    @Option(names = "--block-size", paramLabel = "N", description = "Events per block. Default: ${DEFAULT-VALUE}.",
            defaultValue = "" + ScoreAction.BLOCK_SIZE)
    int blockSize;

    @Override
    public Integer call() {
        ScoreAction score = run.applyTo(NsbiActions.get(run.session("score")).score()).blockSize(blockSize);
        score.execute();
        run.output.wrote(score);
        return 0;
    }
}
