package org.nsbi.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** Runs docker/stage-context.sh, the one place that lays out the image's build context. */
final class DockerContext {

    /** What the script printed and its exit code. */
    record Staging(int exitCode, String output) {
    }

    private DockerContext() {
    }

    /** Stages the build context into {@code dir} (which must not exist or be empty). */
    static Staging stage(Path dir) throws IOException, InterruptedException {
        Path log = Files.createTempFile("nsbi-stage-", ".log");
        try {
            ProcessBuilder pb = new ProcessBuilder("bash", Checkout.root().resolve("docker/stage-context.sh").toString(),
                    dir.toString()).redirectErrorStream(true).redirectOutput(log.toFile());
            String shared = System.getProperty("nsbi.shared.dir");
            if (shared != null) {
                pb.environment().put("NSBI_SHARED_DIR", shared);
            }
            Process p = pb.start();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("docker/stage-context.sh did not finish in 120 s");
            }
            return new Staging(p.exitValue(), Files.readString(log));
        } finally {
            Files.deleteIfExists(log);
        }
    }
}
