package org.nsbi.spark;

import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.nsbi.spark.session.SparkSessions;

/** The one SparkSession of a test JVM (local[2]), started on first use. */
public final class SharedSpark {

    private static SparkSession session;

    private SharedSpark() {
    }

    public static synchronized SparkSession session() {
        if (session == null) {
            session = SparkSessions.getOrCreate("nsbi-tests", "local[2]", Map.of("spark.sql.shuffle.partitions", "4"));
        }
        return session;
    }
}
