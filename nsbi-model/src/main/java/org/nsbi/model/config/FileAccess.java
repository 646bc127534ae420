package org.nsbi.model.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * How config validation sees files. {@link #LOCAL} checks local paths and leaves URLs of other file systems
 * ({@code hdfs://}, {@code s3a://}, ...) unchecked; the Spark layer passes an implementation over Hadoop's
 * FileSystem that handles every URL.
 */
public interface FileAccess {

    /** Whether this access can check the path (if not, validation skips the existence and ONNX checks). */
    boolean handles(String path);

    /** Whether a file or folder exists at the path (a folder can hold a Parquet data set). */
    boolean exists(String path);

    /** The whole content of a file. */
    byte[] readAllBytes(String path) throws IOException;

    /** Reads a file that validation already found (e.g. ONNX bytes to broadcast). */
    default byte[] read(String path) {
        try {
            return readAllBytes(path);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path + ": " + e.getMessage(), e);
        }
    }

    /** A URL with a scheme, e.g. {@code hdfs://nn/x}, {@code s3a://b/x}, {@code file:/x}. */
    Pattern URL = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*:(//|/).*");

    /** Local paths and {@code file:} URLs through java.nio. */
    FileAccess LOCAL = new FileAccess() {
        @Override
        public boolean handles(String path) {
            return !URL.matcher(path).matches() || path.startsWith("file:");
        }

        @Override
        public boolean exists(String path) {
            return Files.exists(local(path));
        }

        @Override
        public byte[] readAllBytes(String path) throws IOException {
            return Files.readAllBytes(local(path));
        }

        private Path local(String path) {
            return path.startsWith("file:") ? Path.of(java.net.URI.create(path)) : Path.of(path);
        }
    };
}
