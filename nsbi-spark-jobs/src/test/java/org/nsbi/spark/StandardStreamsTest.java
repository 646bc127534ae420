package org.nsbi.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Issue 17, item 5: warnings and status lines go through the logger (SLF4J), and what a command prints as its result
 * through its command line's own writers; nothing in the main code writes to the standard streams itself but the one
 * progress-line class ({@code ProgressLine}, which redraws a single line and is not a log record).
 */
class StandardStreamsTest {

    private static final Path ROOT = Path.of("..");
    private static final List<String> MODULES = List.of("nsbi-stats", "nsbi-model", "nsbi-spark-jobs");
    private static final Pattern DIRECT = Pattern.compile(
            "\\bSystem\\s*\\.\\s*(err|out)\\b|\\bFileDescriptor\\s*\\.\\s*(err|out)\\b|\\.printStackTrace\\s*\\(\\s*\\)");

    @Test
    void onlyTheProgressLineWritesToTheStandardStreamsDirectly() {
        List<String> writers = new ArrayList<>();
        int files = 0;
        for (String module : MODULES) {
            Path main = ROOT.resolve(module).resolve("src/main/java");
            for (Path f : javaFiles(main)) {
                files++;
                Matcher m = DIRECT.matcher(code(f));
                while (m.find()) {
                    writers.add(main.relativize(f) + ": " + m.group());
                }
            }
        }
        assertTrue(files > 100, "the main sources were found: " + files + " files under " + ROOT.toAbsolutePath());
        writers.removeIf(w -> w.matches(".*/ProgressLine\\.java: System\\.err"));
        assertEquals(List.of(), writers, "use a logger (org.slf4j.LoggerFactory) for warnings and status lines, or the"
                + " command line's getOut()/getErr() for a command's own output");
    }

    @Test
    void theCheckSeesADirectWriteAndIgnoresComments() {
        assertTrue(DIRECT.matcher(code("class A { void f() { System.err.println(1); } }")).find());
        assertTrue(DIRECT.matcher(code("class A { void f(Exception e) { e.printStackTrace(); } }")).find());
        assertTrue(!DIRECT.matcher(code("/** prints to {@code System.err} */ class A {\n  // System.out.println(1);\n}")).find());
        assertTrue(!DIRECT.matcher(code("class A { void f(Exception e, java.io.PrintWriter w) { e.printStackTrace(w); } }")).find());
    }

    private static String code(Path f) {
        try {
            return code(Files.readString(f));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String code(String source) {
        return source.replaceAll("(?s)/\\*.*?\\*/", "").replaceAll("(?m)//.*$", "");
    }

    private static List<Path> javaFiles(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(p -> p.toString().endsWith(".java")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
