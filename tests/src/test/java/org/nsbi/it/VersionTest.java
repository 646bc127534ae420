package org.nsbi.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;
import org.nsbi.spark.cli.NsbiCommand;
import picocli.CommandLine;

/**
 * The version is written once, in the poms: scripts, manifests, the Dockerfile and the docs find the jar by a pattern
 * or name it without its version; {@code nsbi --version} reads it from the jar. The benchmark mains are not in the
 * product jar.
 */
class VersionTest {

    private static final String VERSION = System.getProperty("nsbi.version");

    @Test
    void noFileButThePomsSpellsTheVersion() throws IOException, InterruptedException {
        List<String> spelled = new ArrayList<>();
        Path root = Checkout.root();
        for (String rel : trackedFiles(root)) {
            if (rel.endsWith("pom.xml") || rel.endsWith(".onnx") || rel.endsWith(".parquet") || rel.endsWith(".png")
                    || rel.endsWith(".jar")) {
                continue;
            }
            Path f = root.resolve(rel);
            if (!Files.isRegularFile(f)) {
                continue; // deleted in the work tree
            }
            String text = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
            if (text.contains(VERSION)) {
                spelled.add(rel);
            }
        }
        assertEquals(List.of(), spelled, "files that spell the version " + VERSION + " instead of deriving it");
    }

    /**
     * The files git tracks: the project's sources, not what its commands wrote into the checkout (the README's main
     * command writes demo-out/, whose outputs record the version they were made with).
     */
    static List<String> trackedFiles(Path root) throws IOException, InterruptedException {
        Process git = new ProcessBuilder("git", "-C", root.toString(), "ls-files", "-z")
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        byte[] out = git.getInputStream().readAllBytes();
        assertEquals(0, git.waitFor(), "git ls-files in " + root);
        List<String> files = new ArrayList<>();
        for (String name : new String(out, StandardCharsets.UTF_8).split("\0")) {
            if (!name.isEmpty()) {
                files.add(name);
            }
        }
        assertTrue(files.contains("pom.xml"), "git ls-files lists the checkout's files: " + files.size());
        return files;
    }

    @Test
    void nsbiVersionIsThePomsVersion() {
        StringWriter out = new StringWriter();
        CommandLine cl = NsbiCommand.commandLine();
        cl.setOut(new PrintWriter(out, true));
        assertEquals(0, cl.execute("--version"));
        assertEquals("nsbi-spark " + VERSION, out.toString().strip());
    }

    @Test
    void theBenchmarkMainsAreNotInTheProductJar() throws IOException {
        try (JarFile jar = new JarFile(Checkout.shadedJar().toFile())) {
            assertTrue(jar.stream().anyMatch(e -> e.getName().equals("org/nsbi/spark/cli/NsbiCommand.class")), "the product");
            List<String> bench = jar.stream().map(e -> e.getName()).filter(n -> n.startsWith("org/nsbi/spark/bench/")).toList();
            assertEquals(List.of(), bench, "benchmark mains run from test scope (bench/built.sh)");
        }
    }
}
