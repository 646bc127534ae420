package org.nsbi.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * submit/nsbi starts its JVM with the JIT settings of target/launcher/jit-flags (the pom's nsbi.jit.flags) and, on fewer
 * than 4 CPUs, a second C2 compiler thread; NSBI_JIT_FLAGS=off starts without them; and they print nothing on the
 * command's standard output (a CompileCommand does, unless quiet comes first).
 */
class LauncherJitFlagsTest {

    @TempDir
    Path dir;

    @Test
    void theJvmGetsTheJitSettingsUnlessSwitchedOff() throws IOException, InterruptedException {
        String on = finalFlags("on");
        String off = finalFlags("off");
        assertEquals("false", flag(on, "UseProfiledLoopPredicate"));
        assertEquals("true", flag(off, "UseProfiledLoopPredicate"));
        if (cpus() < 4) {
            assertEquals("3", flag(on, "CICompilerCount"));
            assertTrue(Integer.parseInt(flag(off, "CICompilerCount")) < 3, "the JVM's own compiler count: " + flag(off, "CICompilerCount"));
        } else {
            assertEquals(flag(off, "CICompilerCount"), flag(on, "CICompilerCount"), "4 or more CPUs: the JVM's own choice");
        }
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
        Path log = dir.resolve("flags-" + jit + ".log");
        int exit = ChildProcess.run(log, Map.of("NSBI_JIT_FLAGS", jit, "NSBI_CLASS_ARCHIVE", "off",
                "NSBI_JAVA_OPTS", "-XX:+PrintFlagsFinal"), 120, Checkout.root().resolve("submit/nsbi").toString(), "--version");
        String text = Files.readString(log);
        assertEquals(0, exit, text);
        return text;
    }

    private static String flag(String flags, String name) {
        Matcher m = Pattern.compile("\\s" + name + "\\s+= (\\S+)").matcher(flags);
        assertTrue(m.find(), "no " + name + " in -XX:+PrintFlagsFinal");
        return m.group(1);
    }

    /** The CPUs submit/nsbi counts (nproc: those the process may run on). */
    private static int cpus() throws IOException, InterruptedException {
        Process p = new ProcessBuilder("nproc").redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(p.getInputStream().readAllBytes()).strip();
        assertEquals(0, p.waitFor(), "nproc");
        return Integer.parseInt(out);
    }
}
