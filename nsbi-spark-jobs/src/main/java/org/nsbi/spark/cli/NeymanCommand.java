package org.nsbi.spark.cli;

import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import org.nsbi.model.config.AnalysisConfig;
import org.nsbi.model.output.Provenance;
import org.nsbi.spark.provenance.ConfigProvenance;
import org.nsbi.spark.provenance.InputCheck;
import org.nsbi.model.output.RunSummary;
import org.nsbi.stats.model.MixtureModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "neyman", mixinStandardHelpOptions = true,
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
        AnalysisRunOptions.Context c = run.open("neyman");
        SparkSession session = c.session();
        AnalysisConfig analysis = c.analysis();
        MixtureModel model = c.model();
        InputCheck check = Pipeline.inputCheck(session);
        String scoredDir = check.scoredFolder(scored);
        InputCheck.Input scores = check.read(scoredDir, "scored");
        Provenance made = Pipeline.provenance(session, analysis);
        check.sameScoring(scores, made);
        Provenance provenance = made.withInput("scored", scores.markerSha256());
        return run.output.run(session, "neyman", "summary.json", out -> {
            out.mark(ConfigProvenance.marker("neyman", provenance));
            return new RunSummary(Pipeline.runInfo(session, "neyman", analysis), scoredDir, null,
                    Pipeline.neyman(session, analysis, model, scoredDir, out, neyman.overrides()).summary(), null, null,
                    provenance, 0);
        });
    }
}
