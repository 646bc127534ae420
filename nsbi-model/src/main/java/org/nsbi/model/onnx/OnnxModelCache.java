package org.nsbi.model.onnx;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.nsbi.model.UserError;

/**
 * One ONNX Runtime session per model per JVM. A model is identified by the sha256 of its bytes, so the same
 * network read from two paths, or broadcast to an executor several times, is loaded once. Sessions are created
 * single-threaded inside (intra-op and inter-op threads 1, sequential execution): parallelism comes from the
 * engine running several tasks. Sessions stay open for the life of the JVM. Thread-safe; an
 * {@code OrtSession.run} may be called from several threads at once.
 */
public final class OnnxModelCache {

    private static final Map<String, OrtSession> SESSIONS = new ConcurrentHashMap<>();

    private OnnxModelCache() {
    }

    /** A loaded model: its session and the sha256 (lower-case hex) of its bytes. */
    public record LoadedModel(String sha256, OrtSession session) {
    }

    /**
     * The session for these model bytes, created on first use.
     *
     * @param bytes the ONNX file's content
     * @param name  a name for messages (the file or the config key)
     * @throws IllegalArgumentException if ONNX Runtime cannot load the bytes as a model; the message names
     *                                  {@code name}, the size and the sha256
     */
    public static LoadedModel load(byte[] bytes, String name) {
        String sha = sha256(bytes);
        OrtSession session = SESSIONS.computeIfAbsent(sha, s -> createSession(bytes, name, s));
        return new LoadedModel(sha, session);
    }

    /** {@link #load(byte[], String)} of a local file, named by its path. */
    public static LoadedModel load(Path file) {
        try {
            return load(Files.readAllBytes(file), file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot read the ONNX file: " + e.getMessage(), e);
        }
    }

    /** Number of distinct models loaded in this JVM. */
    public static int size() {
        return SESSIONS.size();
    }

    /** sha256 of the bytes, lower-case hex (the form in the fixtures' manifest.json). */
    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }

    private static OrtSession createSession(byte[] bytes, String name, String sha) {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(1);
            options.setInterOpNumThreads(1);
            options.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
            return env.createSession(bytes, options);
        } catch (OrtException e) {
            throw new UserError(name + ": not a loadable ONNX model (" + bytes.length
                    + " bytes, sha256 " + sha + "): " + e.getMessage(), e);
        }
    }
}
