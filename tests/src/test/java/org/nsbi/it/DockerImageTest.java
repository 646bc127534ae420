package org.nsbi.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.startupcheck.OneShotStartupCheckStrategy;
import org.testcontainers.images.builder.ImageFromDockerfile;
import org.testcontainers.junit.jupiter.Testcontainers;

/**
 * Builds the image from docker/Dockerfile (context staged by docker/stage-context.sh) and runs 'nsbi demo' in it
 * with the base image's spark-submit on local[2]: it must exit 0 and write a summary with the Neyman and Wilks
 * intervals. Where there is no Docker engine the class is skipped; surefire counts it as skipped and its report
 * gives the reason ("disabledWithoutDocker is true and Docker is not available").
 */
@Testcontainers(disabledWithoutDocker = true)
class DockerImageTest {

    private static final String SUMMARY = "=== nsbi summary.json ===";

    @Test
    void theDemoRunsInTheImage(@TempDir Path tmp) throws Exception {
        Path ctx = tmp.resolve("ctx");
        DockerContext.Staging staging = DockerContext.stage(ctx);
        assertEquals(0, staging.exitCode(), staging.output());
        ImageFromDockerfile image = new ImageFromDockerfile("nsbi-spark-it", true).withDockerfile(ctx.resolve("Dockerfile"));
        String submit = "/opt/spark/bin/spark-submit --master 'local[2]' --driver-memory 2g"
                + " --class org.nsbi.spark.cli.NsbiCommand local://" + DeployJobChecks.IMAGE_HOME + "lib/" + Checkout.IMAGE_JAR
                + " demo --out /tmp/demo --toys 50";
        try (GenericContainer<?> demo = new GenericContainer<>(image)
                .withCommand("bash", "-c", submit + " && echo '" + SUMMARY + "' && cat /tmp/demo/summary.json")
                .withStartupCheckStrategy(new OneShotStartupCheckStrategy().withTimeout(Duration.ofMinutes(20)))) {
            demo.start(); // returns once the command exited 0, else fails with its logs
            String logs = demo.getLogs();
            int at = logs.indexOf(SUMMARY);
            assertTrue(at >= 0, "no summary printed:\n" + logs);
            JsonNode summary = new ObjectMapper().readTree(logs.substring(at + SUMMARY.length()));
            JsonNode intervals = summary.path("observed").path("intervals");
            assertFalse(intervals.isEmpty(), "no intervals in summary.json:\n" + summary);
            Set<String> methods = new HashSet<>();
            for (JsonNode i : intervals) {
                methods.add(i.path("method").asText());
                assertFalse(i.path("pieces").isEmpty(), "an interval without pieces: " + i);
            }
            assertEquals(Set.of("neyman", "wilks"), methods);
        }
    }
}
