package org.nsbi.spark.session;

import java.io.IOException;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;

/**
 * A class loader that hides Spark MLlib's session extension from a session being built with it as the thread's context
 * class loader: Spark loads the session extensions with {@link java.util.ServiceLoader} from that loader, and spark-mllib
 * registers one ({@code org.apache.spark.sql.ml.InternalFunctionRegistration}: the SQL functions vector_to_array,
 * array_to_vector and aggregate_metrics), whose set-up starts Scala's runtime reflection. Everything else it delegates
 * to its parent, so the classes and resources are the parent's.
 */
final class WithoutMlFunctions extends ClassLoader {

    /** The service file of Spark's session extensions. */
    static final String EXTENSIONS = "META-INF/services/org.apache.spark.sql.SparkSessionExtensionsProvider";
    /** MLlib's session extension, by which its jar is recognised. */
    static final String ML_EXTENSION = "org/apache/spark/sql/ml/InternalFunctionRegistration.class";

    /** The jar (or folder) MLlib's extension comes from, as the start of its resources' URLs; null if there is none. */
    private final String mllib;

    WithoutMlFunctions(ClassLoader parent) {
        super(parent);
        URL extension = parent.getResource(ML_EXTENSION);
        this.mllib = extension == null ? null
                : extension.toString().substring(0, extension.toString().length() - ML_EXTENSION.length());
    }

    static {
        registerAsParallelCapable();
    }

    @Override
    public Enumeration<URL> getResources(String name) throws IOException {
        Enumeration<URL> all = super.getResources(name);
        if (mllib == null || !EXTENSIONS.equals(name)) {
            return all;
        }
        List<URL> kept = new ArrayList<>();
        while (all.hasMoreElements()) {
            URL u = all.nextElement();
            if (!u.toString().startsWith(mllib)) {
                kept.add(u);
            }
        }
        return Collections.enumeration(kept);
    }
}
