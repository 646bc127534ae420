package org.nsbi.model.provenance;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The program's version (the pom's, in {@code version.properties}) and the git commit of the checkout it
 * runs from ({@code NSBI_HOME}, else the folders above the jar), read from {@code .git} without running git.
 */
public final class BuildInfo {

    private BuildInfo() {
    }

    /** The version of nsbi-spark (the pom's, carried into the jar by {@code org/nsbi/model/version.properties}). */
    public static String version() {
        try (var in = BuildInfo.class.getResourceAsStream("/org/nsbi/model/version.properties")) {
            if (in == null) {
                throw new IllegalStateException("no org/nsbi/model/version.properties on the class path");
            }
            java.util.Properties p = new java.util.Properties();
            p.load(in);
            return p.getProperty("version");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot read org/nsbi/model/version.properties: " + e.getMessage(), e);
        }
    }

    /**
     * The git commit the classes were built from, as the build recorded it ({@code org/nsbi/model/build-commit.txt},
     * written by the nsbi-model pom): the commit, with {@code -dirty} when the checkout had uncommitted changes,
     * or "unknown" (built outside a checkout, or without git).
     */
    public static String buildCommit() {
        try (var in = BuildInfo.class.getResourceAsStream("/org/nsbi/model/build-commit.txt")) {
            if (in == null) {
                return "unknown";
            }
            String c = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
            return c.isEmpty() ? "unknown" : c;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot read org/nsbi/model/build-commit.txt: " + e.getMessage(), e);
        }
    }

    /** The commit the checkout's HEAD points at, or "unknown" outside a checkout. */
    public static String gitCommit() {
        String home = System.getenv("NSBI_HOME");
        Path start = home != null ? Path.of(home) : codeLocation();
        for (Path p = start == null ? null : start.toAbsolutePath(); p != null; p = p.getParent()) {
            Path git = p.resolve(".git");
            if (Files.exists(git)) {
                try {
                    return commitOf(git);
                } catch (IOException | RuntimeException e) {
                    return "unknown";
                }
            }
        }
        return "unknown";
    }

    private static Path codeLocation() {
        try {
            return Path.of(BuildInfo.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (Exception e) {
            return null;
        }
    }

    /** HEAD of a {@code .git} folder, or of the folder a worktree's {@code .git} file points to. */
    private static String commitOf(Path git) throws IOException {
        Path dir = git;
        if (Files.isRegularFile(git)) {
            String line = Files.readString(git, StandardCharsets.UTF_8).trim();
            dir = git.getParent().resolve(line.substring("gitdir:".length()).trim());
        }
        String head = Files.readString(dir.resolve("HEAD"), StandardCharsets.UTF_8).trim();
        if (!head.startsWith("ref: ")) {
            return head;
        }
        String ref = head.substring(5);
        Path common = Files.exists(dir.resolve("commondir"))
                ? dir.resolve(Files.readString(dir.resolve("commondir"), StandardCharsets.UTF_8).trim()) : dir;
        for (Path d : new Path[] {dir, common}) {
            if (Files.exists(d.resolve(ref))) {
                return Files.readString(d.resolve(ref), StandardCharsets.UTF_8).trim();
            }
            Path packed = d.resolve("packed-refs");
            if (Files.exists(packed)) {
                for (String l : Files.readAllLines(packed, StandardCharsets.UTF_8)) {
                    if (l.endsWith(" " + ref)) {
                        return l.substring(0, l.indexOf(' '));
                    }
                }
            }
        }
        return "unknown";
    }
}
