package org.nsbi.spark.session;

import java.nio.file.Files;
import java.nio.file.Path;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;
import org.nsbi.spark.io.NioLocalFileSystem;

/**
 * Creates the SparkSession a job runs in. Under {@code spark-submit} the master and settings come
 * from the submitter; otherwise (no {@code spark.master} set) an embedded {@code local[*]} Spark is
 * started, bound to 127.0.0.1 with the UI off, so a fresh clone needs nothing but a JDK.
 */
public final class SparkSessions {

    private SparkSessions() {
    }

    /**
     * A session with Spark MLlib's SQL functions, as {@link #getOrCreate(String, String, Map, boolean)}.
     *
     * @param appName  the application name shown by the cluster
     * @param master   a master URL, or null to keep the submitter's (or use local[*] if none)
     * @param settings extra Spark settings (--conf key=value), applied last
     */
    public static SparkSession getOrCreate(String appName, String master, Map<String, String> settings) {
        return getOrCreate(appName, master, settings, true);
    }

    /**
     * The session (Spark's classic one, built without looking its kind up by Scala reflection as
     * {@code SparkSession.builder()} does).
     *
     * @param appName     the application name shown by the cluster
     * @param master      a master URL, or null to keep the submitter's (or use local[*] if none)
     * @param settings    extra Spark settings (--conf key=value), applied last
     * @param mlFunctions whether a session started here registers Spark MLlib's SQL functions (vector_to_array,
     *                    array_to_vector, aggregate_metrics: spark-mllib's session extension). Their set-up starts
     *                    Scala's runtime reflection, which nothing else of a session needs: without them the neyman
     *                    command's fresh JVM uses about 1.2 s less CPU on its main thread and 2.6 s less in all, JIT
     *                    included (README, bench/neyman-command-scaling.sh). A command that uses MLlib or serves SQL
     *                    to users keeps them.
     */
    public static SparkSession getOrCreate(String appName, String master, Map<String, String> settings,
                                           boolean mlFunctions) {
        SparkConf conf = new SparkConf(true).setAppName(appName);
        if (master != null) {
            conf.setMaster(master);
        } else if (!conf.contains("spark.master")) {
            conf.setMaster("local[*]");
        }
        if (conf.get("spark.master").startsWith("local")) {
            conf.setIfMissing("spark.ui.enabled", "false");
            conf.setIfMissing("spark.driver.bindAddress", "127.0.0.1");
            conf.setIfMissing("spark.driver.host", "127.0.0.1");
            conf.setIfMissing("spark.sql.warehouse.dir", ownWarehouse());
        }
        conf.setIfMissing("spark.sql.shuffle.partitions", "16");
        // file: through java.nio for permissions: Hadoop's own starts a chmod process per file (NioLocalFileSystem)
        conf.setIfMissing("spark.hadoop.fs.file.impl", NioLocalFileSystem.class.getName());
        settings.forEach(conf::set);
        org.apache.spark.sql.classic.SparkSession.Builder builder = org.apache.spark.sql.classic.SparkSession.builder()
                .config(conf);
        if (mlFunctions) {
            return builder.getOrCreate();
        }
        Thread thread = Thread.currentThread();
        ClassLoader context = thread.getContextClassLoader();
        thread.setContextClassLoader(new WithoutMlFunctions(context != null ? context : SparkSessions.class.getClassLoader()));
        try {
            return builder.getOrCreate();
        } finally {
            thread.setContextClassLoader(context);
        }
    }

    private static String ownWarehouse() {
        try {
            return Files.createTempDirectory("nsbi-warehouse-").toUri().toString();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary Spark warehouse folder", e);
        }
    }

    /** A fresh, empty folder for a session's warehouse, for tests that need a path of their own. */
    public static Path temporaryFolder(String prefix) {
        try {
            return Files.createTempDirectory(prefix);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary folder", e);
        }
    }
}
