package org.nsbi.model.neyman;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * The version of the code that computes toys, for checkpoint plans: a SHA-256 over the names and bytes of every
 * class under the given package prefixes in the jars (or class folders) that hold the given classes, in name order.
 * A resume with other code (any change to the fits, the likelihood, the samplers or the toy jobs) is refused; a
 * rebuild of the same sources gives the same class bytes and may resume, whether the classes are loaded from the
 * shaded jar, the module jars or class folders (only the prefixes count, so the shaded jar's other classes, e.g. its
 * relocated protobuf, do not).
 */
public final class CodeVersion {

    private CodeVersion() {
    }

    /** "sha256 &lt;hex&gt; of N classes" over the classes under {@code prefixes} in the code sources of {@code anchors}. */
    public static String of(List<String> prefixes, Class<?>... anchors) {
        Set<Path> sources = new LinkedHashSet<>();
        for (Class<?> c : anchors) {
            try {
                sources.add(Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()));
            } catch (URISyntaxException | NullPointerException e) {
                throw new IllegalStateException("cannot locate the code of " + c.getName() + ": " + e, e);
            }
        }
        return of(sources, prefixes);
    }

    /** The same over every class under {@code org/nsbi/} of jars or class folders. */
    public static String of(Set<Path> sources) {
        return of(sources, List.of("org/nsbi/"));
    }

    /** The same over the classes under {@code prefixes} (e.g. {@code org/nsbi/stats/}) of jars or class folders. */
    public static String of(Set<Path> sources, List<String> prefixes) {
        MessageDigest d;
        try {
            d = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM has no SHA-256", e);
        }
        java.util.SortedMap<String, byte[]> classes = new java.util.TreeMap<>();
        try {
            for (Path source : sources) {
                if (Files.isDirectory(source)) {
                    folder(source, prefixes, classes);
                } else {
                    jar(source, prefixes, classes);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the code to version a checkpoint plan: " + e.getMessage(), e);
        }
        for (var e : classes.entrySet()) {
            d.update(e.getKey().getBytes(StandardCharsets.UTF_8));
            d.update(e.getValue());
        }
        return "sha256 " + HexFormat.of().formatHex(d.digest()) + " of " + classes.size() + " classes";
    }

    private static boolean counts(String name, List<String> prefixes) {
        return name.endsWith(".class") && prefixes.stream().anyMatch(name::startsWith);
    }

    private static void folder(Path root, List<String> prefixes, Map<String, byte[]> classes) throws IOException {
        Path base = root.resolve("org").resolve("nsbi");
        if (!Files.isDirectory(base)) {
            return;
        }
        try (Stream<Path> s = Files.walk(base)) {
            for (Path f : s.filter(Files::isRegularFile).toList()) {
                String name = root.relativize(f).toString().replace('\\', '/');
                if (counts(name, prefixes)) {
                    classes.put(name, Files.readAllBytes(f));
                }
            }
        }
    }

    private static void jar(Path file, List<String> prefixes, Map<String, byte[]> classes) throws IOException {
        try (JarFile jar = new JarFile(file.toFile())) {
            for (JarEntry e : jar.stream().filter(e -> counts(e.getName(), prefixes)).toList()) {
                try (InputStream in = jar.getInputStream(e)) {
                    classes.put(e.getName(), in.readAllBytes());
                }
            }
        }
    }
}
