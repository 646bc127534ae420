package org.nsbi.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * submit/nsbi starts its JVM with Metaspace's first collection threshold at 256 MB and, with its own maximum heap and
 * no heap size in NSBI_JAVA_OPTS, a 1 GB initial heap; a heap the user sizes is left as the user sized it.
 */
class LauncherMemoryTest {

    private static final long MB = 1L << 20;

    @TempDir
    Path dir;

    @Test
    void theLaunchersOwnHeapStartsAtOneGigabyteAndMetaspaceCollectsFirstAt256Megabytes() throws IOException {
        String flags = finalFlags(Map.of(), "");
        assertEquals(1024 * MB, flag(flags, "InitialHeapSize"));
        assertEquals(6144 * MB, flag(flags, "MaxHeapSize"));
        assertEquals(256 * MB, flag(flags, "MetaspaceSize"));
    }

    @Test
    void aHeapTheUserSizesIsLeftAsSized() throws IOException {
        // an initial heap above the user's maximum would not start ("incompatible minimum and maximum heap sizes")
        String small = finalFlags(Map.of(), "-Xmx512m");
        assertEquals(512 * MB, flag(small, "MaxHeapSize"));
        assertTrue(flag(small, "InitialHeapSize") <= 512 * MB);
        String driver = finalFlags(Map.of("NSBI_DRIVER_MEMORY", "768m"), "");
        assertEquals(768 * MB, flag(driver, "MaxHeapSize"));
        assertNotEquals(1024 * MB, flag(driver, "InitialHeapSize"));
        assertEquals(256 * MB, flag(driver, "MetaspaceSize"));
    }

    /** The JVM's final flags as submit/nsbi starts it with {@code env} and NSBI_JAVA_OPTS {@code opts}. */
    private String finalFlags(Map<String, String> env, String opts) throws IOException {
        return LauncherFlags.of(dir, env, opts);
    }

    private static long flag(String flags, String name) {
        return Long.parseLong(LauncherFlags.value(flags, name));
    }
}
