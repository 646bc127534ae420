package org.nsbi.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * submit/nsbi picks the garbage collector where the JVM may use at most two processors: the Serial collector (on two
 * the JVM would take G1); NSBI_GC=jvm, more processors, or a collector named in NSBI_JAVA_OPTS leave the choice to the
 * JVM or the user. Run with taskset on the processors this test may use (skipped without taskset or two of them).
 */
class LauncherCollectorTest {

    private static final Pattern IN_USE = Pattern.compile("\\sUse(Serial|Parallel|G1|Z|Shenandoah|Epsilon)GC\\s+= true");

    @TempDir
    Path dir;

    @Test
    void onTwoProcessorsTheLauncherTakesTheSerialCollectorUnlessToldToLeaveItToTheJvm() throws IOException {
        String two = processors(2);
        assertEquals("Serial", collector(two, Map.of(), ""));
        assertEquals(jvmsOwn(two), collector(two, Map.of("NSBI_GC", "jvm"), ""));
    }

    @Test
    void aCollectorNamedInNsbiJavaOptsIsTheOneTheJvmGets() throws IOException {
        String two = processors(2);
        // with -XX:+UseSerialGC added as well the JVM would not start ("multiple garbage collectors selected")
        assertEquals("Parallel", collector(two, Map.of(), "-XX:+UseParallelGC"));
        assertEquals("G1", collector(two, Map.of(), "-XX:+UseG1GC"));
    }

    @Test
    void onMoreThanTwoProcessorsTheJvmChooses() throws IOException {
        String three = processors(3);
        assertEquals(jvmsOwn(three), collector(three, Map.of(), ""));
    }

    /** A taskset CPU list of {@code count} of the processors this process may use; the test is skipped without them. */
    private static String processors(int count) throws IOException {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/taskset")) || Files.isExecutable(Path.of("/bin/taskset")),
                "no taskset");
        List<Integer> allowed = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("Cpus_allowed_list:")) {
                for (String range : line.substring(line.indexOf(':') + 1).trim().split(",")) {
                    String[] ends = range.split("-");
                    int from = Integer.parseInt(ends[0]);
                    int to = Integer.parseInt(ends[ends.length - 1]);
                    for (int cpu = from; cpu <= to; cpu++) {
                        allowed.add(cpu);
                    }
                }
            }
        }
        assumeTrue(allowed.size() >= count, "fewer than " + count + " processors: " + allowed);
        return String.join(",", allowed.subList(0, count).stream().map(String::valueOf).toList());
    }

    /** The collector of the JVM submit/nsbi starts on {@code cpus}, with {@code env} and NSBI_JAVA_OPTS {@code opts}. */
    private String collector(String cpus, Map<String, String> env, String opts) throws IOException {
        return inUse(LauncherFlags.of(dir, env, opts, "taskset", "-c", cpus));
    }

    /** The collector the JVM picks by itself on {@code cpus}, with the launcher's heap. */
    private String jvmsOwn(String cpus) throws IOException {
        return inUse(LauncherFlags.run(dir, Map.of(), "taskset", "-c", cpus, "bash", "-c",
                "exec \"${JAVA_HOME:+$JAVA_HOME/bin/}java\" -Xmx6g -XX:+PrintFlagsFinal -version"));
    }

    private static String inUse(String flags) {
        Matcher m = IN_USE.matcher(flags);
        assertTrue(m.find(), "no collector in use in -XX:+PrintFlagsFinal");
        String name = m.group(1);
        assertTrue(!m.find(), "two collectors in use");
        return name;
    }
}
