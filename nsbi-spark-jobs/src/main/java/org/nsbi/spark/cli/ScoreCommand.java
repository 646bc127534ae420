package org.nsbi.spark.cli;

import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import org.nsbi.model.config.AnalysisConfig;
import org.nsbi.model.output.Provenance;
import org.nsbi.spark.provenance.ConfigProvenance;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "score", mixinStandardHelpOptions = true,
        description = {"Scores every reference and observed event once with the analysis's ratio networks",
                "(broadcast to executors) and writes DIR/scored/{reference,observed} and DIR/scored.json",
                "(closure of each ratio on the reference sample, observed aux measurements)."})
public final class ScoreCommand implements Callable<Integer> {

    @Mixin
    AnalysisRunOptions run;

    @Option(names = "--block-size", description = "Events per block. Default: ${DEFAULT-VALUE}.", defaultValue = "4096")
    int blockSize;

    @Override
    public Integer call() {
        AnalysisRunOptions.Context c = run.open("score");
        SparkSession session = c.session();
        AnalysisConfig analysis = c.analysis();
        Provenance provenance = Pipeline.provenance(session, analysis);
        return run.output.run(session, "score", null, out -> {
            out.mark(ConfigProvenance.marker("score", provenance));
            Pipeline.score(session, analysis, out, blockSize, provenance);
            return null;
        });
    }
}
