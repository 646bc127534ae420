package org.nsbi.it;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One spark-submit a deploy manifest describes: where it is written, the main class, the application jar,
 * the program arguments (the nsbi command and its options), the Spark settings, and the folders in which a
 * Kubernetes Secret is mounted into the driver and into every executor (empty where there are no pods).
 */
record SubmittedJob(String source, String mainClass, String application, List<String> args,
                    Map<String, String> conf, Set<String> secretMounts) {

    SubmittedJob {
        args = List.copyOf(args);
        conf = Map.copyOf(conf);
        secretMounts = Set.copyOf(secretMounts);
    }

    /** The value of the option {@code name} in the arguments (the argument after it), or null. */
    String option(String name) {
        int i = args.indexOf(name);
        return i < 0 || i + 1 >= args.size() ? null : args.get(i + 1);
    }
}
