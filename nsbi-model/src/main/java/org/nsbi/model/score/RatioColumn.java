package org.nsbi.model.score;

import java.io.Serializable;
import java.util.List;
import org.nsbi.model.config.RatioSource;

/**
 * One ratio column to compute: its name in the scored table, where the ratio comes from, and for
 * ONNX sources the model bytes (read once on the driver, shipped to executors in a broadcast).
 *
 * @param column     the scored table's column name (see {@link ScoredColumns})
 * @param source     the config's ratio source
 * @param modelNames the ONNX files (for messages), empty for other sources
 * @param models     the ONNX model bytes, one per ensemble member
 */
public record RatioColumn(String column, RatioSource source, List<String> modelNames, List<byte[]> models)
        implements Serializable {
    private static final long serialVersionUID = 1L;
}
