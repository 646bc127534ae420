package org.nsbi.spark.io;

import java.io.IOException;
import java.io.InputStream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.nsbi.model.config.FileAccess;

/**
 * Config validation and model loading through Hadoop's FileSystem: local paths, {@code file:},
 * {@code hdfs://} and any other file system Hadoop is configured for.
 */
public final class HadoopFileAccess implements FileAccess {

    private final Configuration conf;

    public HadoopFileAccess(Configuration conf) {
        this.conf = conf;
    }

    @Override
    public boolean handles(String path) {
        return true;
    }

    @Override
    public boolean exists(String path) {
        try {
            Path p = new Path(path);
            FileSystem fs = p.getFileSystem(conf);
            // a glob such as data/*.parquet exists if it matches something
            var matches = fs.globStatus(p);
            return matches != null && matches.length > 0;
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public byte[] readAllBytes(String path) throws IOException {
        Path p = new Path(path);
        try (InputStream in = p.getFileSystem(conf).open(p)) {
            return in.readAllBytes();
        }
    }

    /**
     * The text of a small file an earlier stage wrote (a summary, belts.csv).
     *
     * @throws org.nsbi.model.UserError when there is no such file
     */
    public String readText(String path) {
        if (!exists(path)) {
            throw new org.nsbi.model.UserError("no file " + path + "; expected the output of an earlier stage there");
        }
        return new String(read(path), java.nio.charset.StandardCharsets.UTF_8);
    }
}
