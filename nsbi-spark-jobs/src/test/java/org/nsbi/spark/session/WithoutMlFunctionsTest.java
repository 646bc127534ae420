package org.nsbi.spark.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.ServiceLoader;
import org.apache.spark.sql.SparkSessionExtensionsProvider;
import org.junit.jupiter.api.Test;

class WithoutMlFunctionsTest {

    private final ClassLoader app = WithoutMlFunctionsTest.class.getClassLoader();

    /** The session extensions Spark would load from {@code loader}, by class name. */
    private static List<String> extensions(ClassLoader loader) {
        List<String> names = new ArrayList<>();
        for (ServiceLoader.Provider<SparkSessionExtensionsProvider> p
                : ServiceLoader.load(SparkSessionExtensionsProvider.class, loader).stream().toList()) {
            names.add(p.type().getName());
        }
        return names;
    }

    @Test
    void sparkFindsMllibsSessionExtensionThroughTheClassPathButNotThroughTheFilter() {
        assertTrue(extensions(app).contains("org.apache.spark.sql.ml.InternalFunctionRegistration"), extensions(app).toString());
        assertFalse(extensions(new WithoutMlFunctions(app)).contains("org.apache.spark.sql.ml.InternalFunctionRegistration"));
    }

    @Test
    void everythingElseIsTheParents() throws IOException, ClassNotFoundException {
        WithoutMlFunctions filter = new WithoutMlFunctions(app);
        assertSame(app.loadClass("org.apache.spark.sql.ml.InternalFunctionRegistration"),
                filter.loadClass("org.apache.spark.sql.ml.InternalFunctionRegistration"));
        String other = "META-INF/services/org.apache.spark.sql.sources.DataSourceRegister";
        assertEquals(Collections.list(app.getResources(other)), Collections.list(filter.getResources(other)));
        URL extension = filter.getResource(WithoutMlFunctions.ML_EXTENSION);
        assertNotNull(extension);
        // the extensions' service files of other jars stay: only the one beside MLlib's extension goes
        List<URL> all = Collections.list(app.getResources(WithoutMlFunctions.EXTENSIONS));
        List<URL> kept = Collections.list(filter.getResources(WithoutMlFunctions.EXTENSIONS));
        assertEquals(all.size() - 1, kept.size(), all.toString());
    }
}
