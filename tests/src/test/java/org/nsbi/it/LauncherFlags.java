package org.nsbi.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The final flags of the JVM submit/nsbi starts (-XX:+PrintFlagsFinal with --version), for the launcher's tests. */
final class LauncherFlags {

    private LauncherFlags() {
    }

    /**
     * The flags, submit/nsbi run with {@code env} (and no class-data archive) and NSBI_JAVA_OPTS {@code opts}, under
     * {@code prefix} (e.g. taskset -c 0,1); its log in {@code dir}.
     */
    static String of(Path dir, Map<String, String> env, String opts, String... prefix) throws IOException {
        Map<String, String> all = new HashMap<>(env);
        all.put("NSBI_CLASS_ARCHIVE", "off");
        all.put("NSBI_JAVA_OPTS", (opts + " -XX:+PrintFlagsFinal").strip());
        List<String> command = new ArrayList<>(List.of(prefix));
        command.add(Checkout.root().resolve("submit/nsbi").toString());
        command.add("--version");
        return run(dir, all, command.toArray(String[]::new));
    }

    /** The output of {@code command}, which must exit 0; its log in {@code dir}. */
    static String run(Path dir, Map<String, String> env, String... command) throws IOException {
        Path log = Files.createTempFile(dir, "flags", ".log");
        int exit = ChildProcess.run(log, env, 120, command);
        String text = Files.readString(log);
        assertEquals(0, exit, text);
        return text;
    }

    /** The value of flag {@code name} in {@code flags}. */
    static String value(String flags, String name) {
        Matcher m = Pattern.compile("\\s" + name + "\\s+= (\\S+)").matcher(flags);
        assertTrue(m.find(), "no " + name + " in -XX:+PrintFlagsFinal");
        return m.group(1);
    }
}
