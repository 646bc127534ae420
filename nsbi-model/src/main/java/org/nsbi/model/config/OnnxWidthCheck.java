package org.nsbi.model.config;

import java.io.IOException;
import java.util.List;
import org.nsbi.model.UserError;
import org.nsbi.model.onnx.OnnxRatioNetwork;

/**
 * The pass after a config is read that loads each ONNX network it names and checks its input width against the
 * features. Its inputs are explicit (the features, the files with the key paths that name them, the file access),
 * so it depends on no order in which the sections were read.
 */
final class OnnxWidthCheck {

    /** An ONNX file and the key path of the config that names it, e.g. {@code processes[0].ratio.onnx[1]}. */
    record Named(String file, String keyPath) {
    }

    private OnnxWidthCheck() {
    }

    /** Adds a problem at its key path for each file that is not a readable ONNX network for {@code features}. */
    static void check(List<String> features, List<Named> networks, FileAccess files, ConfigProblems problems) {
        for (Named n : networks) {
            if (!files.handles(n.file())) {
                continue;
            }
            try {
                OnnxRatioNetwork.load(n.file(), files.readAllBytes(n.file()), features.size(), null, 1);
            } catch (IOException e) {
                problems.add(n.keyPath(), "expected a readable ONNX file, found: " + e.getMessage());
            } catch (UserError e) {
                problems.add(n.keyPath(), "expected an ONNX network for the " + features.size() + " features "
                        + features + ", found: " + e.getMessage());
            }
        }
    }
}
