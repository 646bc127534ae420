package org.nsbi.spark.actions;

import java.util.Map;
import org.apache.spark.sql.SparkSession;

/**
 * Starts the Spark session an action runs in, with settings the action needs from the start (serve's Connect
 * plugin, address, port and token are settings a session is started with, not set on it later).
 */
@FunctionalInterface
public interface SparkStarter {

    /**
     * @param settings Spark settings the session must start with, applied after the user's own
     * @return the session (an existing one may be returned: the action then checks it has what it needs)
     */
    SparkSession start(Map<String, String> settings);
}
