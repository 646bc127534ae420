package org.nsbi.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nsbi.model.config.AnalysisConfig;
import org.nsbi.model.config.AnalysisConfigParser;

/**
 * The image's build context, without Docker: docker/stage-context.sh lays out the jar, the configs and the ONNX
 * fixtures so that the configs find their networks by their relative paths, and every COPY of docker/Dockerfile
 * takes a folder of that context to the same relative place under /opt/nsbi.
 */
class DockerContextTest {

    @Test
    void theStagedContextHoldsTheJarAndConfigsThatFindTheirNetworks(@TempDir Path tmp) throws Exception {
        Path ctx = tmp.resolve("ctx");
        DockerContext.Staging staging = DockerContext.stage(ctx);
        assertEquals(0, staging.exitCode(), staging.output());
        assertTrue(Files.isRegularFile(ctx.resolve("Dockerfile")));
        assertEquals(Files.size(Checkout.shadedJar()), Files.size(ctx.resolve("nsbi-spark/lib").resolve(Checkout.IMAGE_JAR)));
        // the configs validate in the staged layout: every ONNX network is loaded from ../../../shared/...
        AnalysisConfig example = AnalysisConfigParser.withDefaults().parse(ctx.resolve("nsbi-spark/submit/examples/offshell-toy.yaml"));
        assertEquals(List.of("S", "SBI", "B", "NI"), example.processes().stream().map(p -> p.name()).toList());
        AnalysisConfigParser.withDefaults().parse(ctx.resolve("nsbi-spark/deploy/config/offshell-toy-pipeline.yaml"));
    }

    @Test
    void everyCopyOfTheDockerfileKeepsTheContextsLayoutUnderOptNsbi(@TempDir Path tmp) throws Exception {
        Path ctx = tmp.resolve("ctx");
        assertEquals(0, DockerContext.stage(ctx).exitCode());
        List<String> lines = Files.readAllLines(Checkout.root().resolve("docker/Dockerfile"));
        List<String> copied = new ArrayList<>();
        for (String line : lines) {
            String[] w = line.trim().split("\\s+");
            if (w[0].equals("COPY")) {
                assertEquals(3, w.length, "one source per COPY: " + line);
                assertTrue(Files.exists(ctx.resolve(w[1])), "COPY source not in the staged context: " + line);
                assertEquals("/opt/nsbi/" + w[1], w[2], "COPY should keep the context's relative layout: " + line);
                copied.add(w[1]);
            }
        }
        assertEquals(List.of("nsbi-spark/lib/", "nsbi-spark/submit/examples/", "nsbi-spark/deploy/config/",
                "shared/fixtures/offshell-toy/onnx/"), copied);
        assertEquals(DeployJobChecks.IMAGE_FOLDERS, copied.stream().filter(c -> c.startsWith("nsbi-spark/"))
                .map(c -> c.substring("nsbi-spark/".length())).toList());
        assertTrue(lines.contains("ARG BASE_IMAGE=spark:4.0.0-scala2.13-java17-ubuntu"), "the official Spark 4.0.0 image");
        assertTrue(lines.contains("ENV NSBI_HOME=" + DeployJobChecks.IMAGE_HOME.substring(0, DeployJobChecks.IMAGE_HOME.length() - 1)));
        assertTrue(lines.stream().noneMatch(l -> l.startsWith("ENTRYPOINT")), "keep the base image's entrypoint (the Spark operator needs it)");
    }

    @Test
    void stagingRefusesAFolderThatIsNotEmpty(@TempDir Path tmp) throws Exception {
        Files.writeString(tmp.resolve("old"), "x");
        DockerContext.Staging staging = DockerContext.stage(tmp);
        assertEquals(2, staging.exitCode());
        assertEquals("stage-context: " + tmp + " is not empty\n", staging.output());
    }
}
