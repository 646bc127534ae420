package org.nsbi.spark.cli;

import java.io.UncheckedIOException;
import org.nsbi.model.config.ConfigException;
import org.nsbi.model.onnx.BadRatioException;
import org.nsbi.spark.io.OutputFolder;
import org.nsbi.spark.neyman.ToyCheckpoints;

/** Tells a user's mistake (exit 2, message only) from a failure of the program (exit 1, with stack trace). */
final class BadInput {

    private BadInput() {
    }

    static boolean isBadInput(Throwable ex) {
        for (Throwable t = ex; t != null; t = t.getCause()) {
            if (t instanceof IllegalArgumentException || t instanceof OutputFolder.OutputFolderException
                    || t instanceof UncheckedIOException || t instanceof java.io.FileNotFoundException) {
                return true;
            }
            if (t instanceof ConfigException || t instanceof BadRatioException
                    || t instanceof ToyCheckpoints.CheckpointMismatchException) {
                return true;
            }
        }
        return false;
    }

    /** The most useful message: the innermost one that says something. */
    static String message(Throwable ex) {
        String best = ex.toString();
        for (Throwable t = ex; t != null; t = t.getCause()) {
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                best = t.getMessage();
                if (isBadInputType(t)) {
                    return best;
                }
            }
        }
        return best;
    }

    private static boolean isBadInputType(Throwable t) {
        return t instanceof IllegalArgumentException || t instanceof OutputFolder.OutputFolderException
                || t instanceof ConfigException || t instanceof BadRatioException
                || t instanceof ToyCheckpoints.CheckpointMismatchException;
    }
}
