package org.nsbi.spark.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.nsbi.spark.actions.IntervalAction;
import org.nsbi.spark.actions.NsbiActions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "interval", mixinStandardHelpOptions = true,
        header = "Inverts a run's belts into the Neyman interval of the observed or Asimov data, beside Wilks.",
        description = {"Scans t(mu) on the observed data (or an Asimov data set), inverts the belts of a neyman or run",
                "folder into the Neyman interval beside the Wilks one, writes DIR/summary.json and DIR/scan.csv, and prints",
                "the results table."})
public final class IntervalCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    SparkOptions spark;

    @Mixin
    OutputOptions output;

    @Option(names = "--run", required = true, paramLabel = "DIR",
            description = "The output folder of 'nsbi neyman', 'run' or 'demo' whose belts to invert.")
    String run;

    @Option(names = "--config", paramLabel = "FILE",
            description = "The analysis config (default: the one the run's summary.json names).")
    String config;

    @Option(names = "--scored", paramLabel = "DIR",
            description = "The output folder of 'nsbi score' (or its scored/); default: the one the run's belts were built from.")
    String scored;

    @Option(names = "--asimov", paramLabel = "MU",
            description = "Use the Asimov data set at this mu (nuisance parameters 0) instead of the observed data.")
    Double asimov;

    @Option(names = "--scan-steps", paramLabel = "N", defaultValue = "" + IntervalAction.SCAN_STEPS,
            description = "Steps of the t(mu) scan across the grid. Default: ${DEFAULT-VALUE}.")
    int scanSteps;

    @Option(names = "--placement", paramLabel = "WHERE", defaultValue = IntervalAction.PLACEMENT,
            description = {"Where the scanned data set is: single (read whole to the driver, scanned on one thread),",
                    "distributed (blocks stay on the executors; each NLL evaluation is a tree aggregate over them), or auto:",
                    "single while its rows take at most 1/8 of the smaller of the driver's and an executor's heap.",
                    "Default: ${DEFAULT-VALUE}."})
    String placement;

    @Override
    public Integer call() {
        IntervalAction action = output.applyTo(NsbiActions.get(spark.session("nsbi interval")).interval()).run(run)
                .scanSteps(scanSteps).placement(placement);
        if (config != null) {
            action.config(Path.of(config));
        }
        if (scored != null) {
            action.scored(scored);
        }
        if (asimov != null) {
            action.asimov(asimov);
        }
        IntervalAction.Result r = action.execute();
        output.wrote(action);
        r.stage().print(spec.commandLine().getOut());
        return 0;
    }
}
