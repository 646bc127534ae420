package org.nsbi.spark.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.nsbi.model.UserError;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "demo", mixinStandardHelpOptions = true,
        header = "Runs the whole chain on the example analysis, the off-shell toy with the shared ONNX networks.",
        description = {"Does what 'run' does, on the example analysis: the off-shell toy with the shared ONNX fixtures",
                "(submit/examples/offshell-toy.yaml of this checkout)."})
public final class DemoCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    AnalysisChain chain;

    @Option(names = "--config", paramLabel = "FILE",
            description = "The analysis config. Default: submit/examples/offshell-toy.yaml of this checkout.")
    String config;

    @Override
    public Integer call() {
        return chain.run(spec, "demo", configPath());
    }

    private Path configPath() {
        if (config != null) {
            return Path.of(config);
        }
        String home = System.getenv("NSBI_HOME");
        Path p = Path.of(home == null ? "." : home, "submit", "examples", "offshell-toy.yaml");
        if (!Files.isRegularFile(p)) {
            throw new UserError("no config given and none at " + p.toAbsolutePath()
                    + "; expected --config FILE or NSBI_HOME set to the checkout (submit/nsbi sets it)");
        }
        return p;
    }
}
