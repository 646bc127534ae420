package org.nsbi.spark.io;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hadoop.fs.Path;

/**
 * Paths as a user would type them, in anything printed: a local path plain (never a {@code file:} URI), another file
 * system's path as its full URL, and a path inside an open output folder's hidden staging folder as the place it will
 * have once committed ({@code run-out/scored/reference}, not {@code .run-out.staging-<id>/scored/reference}): a
 * command that reads back what an earlier stage of it wrote (run's scores, its report) names it where the user will
 * find it. {@link OutputFolder} registers each staging folder while it is open.
 */
public final class ShownPaths {

    /** A local file URI: file:/x, file:///x (not preceded by a letter or digit, so "profile:" is not one). */
    private static final Pattern FILE_URI = Pattern.compile("(?<![A-Za-z0-9])file:(?://(?=/))?(/)");

    /** Open staging folders, as plain text of their path (local: plain path, else URL), to their target's. */
    private static final Map<String, String> STAGING = new ConcurrentHashMap<>();

    private ShownPaths() {
    }

    /** A path as a user would type it. */
    public static String of(Path p) {
        return text("file".equals(p.toUri().getScheme()) ? p.toUri().getPath() : p.toString());
    }

    /** A path given as text (a URI or a plain path) as a user would type it. */
    public static String of(String path) {
        return text(path);
    }

    /** {@code text} with every local file URI made a plain path and every open staging folder named by its target. */
    public static String text(String text) {
        if (text == null) {
            return null;
        }
        Matcher m = FILE_URI.matcher(text);
        String plain = m.find() ? m.replaceAll("$1") : text;
        for (Map.Entry<String, String> e : STAGING.entrySet()) {
            plain = plain.replace(e.getKey(), e.getValue());
        }
        return plain;
    }

    static void open(Path staging, Path target) {
        STAGING.put(plain(staging), plain(target));
    }

    static void closed(Path staging) {
        STAGING.remove(plain(staging));
    }

    private static String plain(Path p) {
        return "file".equals(p.toUri().getScheme()) ? p.toUri().getPath() : p.toString();
    }
}
