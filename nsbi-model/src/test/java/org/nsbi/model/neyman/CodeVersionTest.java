package org.nsbi.model.neyman;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CodeVersionTest {

    @TempDir
    Path dir;

    @Test
    void theCodeVersionChangesWithAnyClassAndOnlyThen() throws Exception {
        Path classes = dir.resolve("classes");
        Path a = classes.resolve("org/nsbi/x/A.class");
        Files.createDirectories(a.getParent());
        Files.write(a, new byte[] {1, 2, 3});
        Files.write(classes.resolve("org/nsbi/x/B.class"), new byte[] {4});
        String v = CodeVersion.of(Set.of(classes));
        assertEquals(v, CodeVersion.of(Set.of(classes)), "the same bytes, the same version");
        assertTrue(v.endsWith(" of 2 classes"), v);
        Files.write(a, new byte[] {1, 2, 4});
        assertNotEquals(v, CodeVersion.of(Set.of(classes)), "one byte of one class changes it");
    }

    @Test
    void theCodeVersionIsTheSameFromAJarWithOtherClassesAsFromClassFolders() throws Exception {
        Path classes = dir.resolve("folders");
        Files.createDirectories(classes.resolve("org/nsbi/stats/fit"));
        Files.write(classes.resolve("org/nsbi/stats/fit/F.class"), new byte[] {1, 2, 3});
        Path jarFile = dir.resolve("shaded.jar");
        try (var jar = new java.util.jar.JarOutputStream(Files.newOutputStream(jarFile))) {
            for (String name : List.of("org/nsbi/shaded/protobuf/M.class", "org/nsbi/stats/fit/F.class")) {
                jar.putNextEntry(new java.util.jar.JarEntry(name));
                jar.write(name.contains("shaded") ? new byte[] {9} : new byte[] {1, 2, 3});
                jar.closeEntry();
            }
        }
        List<String> prefixes = List.of("org/nsbi/stats/");
        String fromFolders = CodeVersion.of(Set.of(classes), prefixes);
        assertEquals(fromFolders, CodeVersion.of(Set.of(jarFile), prefixes),
                "the toy code loaded from the shaded jar (with its relocated classes) or from class folders");
        assertTrue(fromFolders.endsWith(" of 1 classes"), fromFolders);
    }
}
