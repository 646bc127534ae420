package org.nsbi.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * submit/nsbi starts its JVM with the JIT settings of target/launcher/jit-flags (the pom's nsbi.jit.flags);
 * NSBI_JIT_FLAGS=off starts without them; and they print nothing on the command's standard output (a CompileCommand
 * does, unless quiet comes first).
 */
class LauncherJitFlagsTest {

    @TempDir
    Path dir;

    @Test
    void theJvmGetsTheJitSettingsUnlessSwitchedOff() throws IOException {
        String on = finalFlags("on");
        String off = finalFlags("off");
        assertEquals("false", flag(on, "UseProfiledLoopPredicate"));
        assertEquals("true", flag(off, "UseProfiledLoopPredicate"));
        // a second C2 thread (-XX:CICompilerCount=3) was measured and left out (README): the JVM keeps its own count
        assertEquals(flag(off, "CICompilerCount"), flag(on, "CICompilerCount"));
        String file = Files.readString(Checkout.root().resolve("nsbi-spark-jobs/target/launcher/jit-flags"));
        assertTrue(file.startsWith("-XX:CompileCommand=quiet "), file);
        assertTrue(file.contains("-XX:CompileCommand=dontinline,org/nsbi/stats/likelihood/Nll.evaluateStructured"), file);
    }

    @Test
    void theJitSettingsPrintNothingOnStandardOutput() throws IOException {
        Path log = dir.resolve("version.log");
        ProcessBuilder pb = new ProcessBuilder(Checkout.root().resolve("submit/nsbi").toString(), "--version")
                .directory(Checkout.root().toFile()).redirectOutput(log.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD);
        pb.environment().put("NSBI_CLASS_ARCHIVE", "off");
        Process p = pb.start();
        try {
            assertEquals(0, p.waitFor(), Files.readString(log));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
        assertEquals("nsbi-spark " + System.getProperty("nsbi.version"), Files.readString(log).strip());
    }

    /** The JVM's final flags (-XX:+PrintFlagsFinal) as submit/nsbi starts it with NSBI_JIT_FLAGS set to {@code jit}. */
    private String finalFlags(String jit) throws IOException {
        return LauncherFlags.of(dir, Map.of("NSBI_JIT_FLAGS", jit), "");
    }

    private static String flag(String flags, String name) {
        return LauncherFlags.value(flags, name);
    }
}
