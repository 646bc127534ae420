package org.nsbi.spark.neyman;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * The version of the code that computes toys, for checkpoint plans: a SHA-256 over the names and bytes of every
 * class under {@code org/nsbi/} in the jars (or class folders) that hold the given classes, in name order. A resume
 * with other code (any change to the fits, the likelihood, the samplers or the jobs) is refused; a rebuild of the
 * same sources gives the same class bytes and may resume.
 */
final class CodeVersion {

    private CodeVersion() {
    }

    /** "sha256 &lt;hex&gt; of N classes" over the code sources of {@code anchors}. */
    static String of(Class<?>... anchors) {
        Set<Path> sources = new LinkedHashSet<>();
        for (Class<?> c : anchors) {
            try {
                sources.add(Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()));
            } catch (URISyntaxException | NullPointerException e) {
                throw new IllegalStateException("cannot locate the code of " + c.getName() + ": " + e, e);
            }
        }
        return of(sources);
    }

    /** The same over jars or class folders. */
    static String of(Set<Path> sources) {
        MessageDigest d;
        try {
            d = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM has no SHA-256", e);
        }
        int classes = 0;
        try {
            for (Path source : sources) {
                classes += Files.isDirectory(source) ? folder(source, d) : jar(source, d);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the code to version a checkpoint plan: " + e.getMessage(), e);
        }
        return "sha256 " + HexFormat.of().formatHex(d.digest()) + " of " + classes + " classes";
    }

    private static int folder(Path root, MessageDigest d) throws IOException {
        List<Path> files = new ArrayList<>();
        Path base = root.resolve("org").resolve("nsbi");
        if (!Files.isDirectory(base)) {
            return 0;
        }
        try (Stream<Path> s = Files.walk(base)) {
            s.filter(p -> p.toString().endsWith(".class")).forEach(files::add);
        }
        files.sort((a, b) -> root.relativize(a).toString().compareTo(root.relativize(b).toString()));
        for (Path f : files) {
            d.update(root.relativize(f).toString().replace('\\', '/').getBytes(StandardCharsets.UTF_8));
            d.update(Files.readAllBytes(f));
        }
        return files.size();
    }

    private static int jar(Path file, MessageDigest d) throws IOException {
        try (JarFile jar = new JarFile(file.toFile())) {
            List<JarEntry> entries = jar.stream().filter(e -> e.getName().startsWith("org/nsbi/")
                    && e.getName().endsWith(".class")).sorted((a, b) -> a.getName().compareTo(b.getName())).toList();
            for (JarEntry e : entries) {
                d.update(e.getName().getBytes(StandardCharsets.UTF_8));
                try (InputStream in = jar.getInputStream(e)) {
                    d.update(in.readAllBytes());
                }
            }
            return entries.size();
        }
    }
}
