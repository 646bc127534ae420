package org.nsbi.model.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConnectTokenTest {

    @TempDir
    Path dir;

    @Test
    void aFileComesBeforeTheEnvironmentWhichComesBeforeAGeneratedToken() throws Exception {
        Path file = Files.writeString(dir.resolve("token"), "from-file\n");
        assertEquals(new ConnectToken("from-file", "file " + file), ConnectToken.resolve(file.toString(), "from-env"));
        assertEquals(new ConnectToken("from-env", "environment variable NSBI_CONNECT_TOKEN"), ConnectToken.resolve(null, "from-env"));
        ConnectToken a = ConnectToken.resolve(null, null);
        ConnectToken b = ConnectToken.resolve(null, "  ");
        assertEquals("generated", a.source());
        assertTrue(a.value().matches("[0-9a-f]{48}"), a.value());
        assertNotEquals(a.value(), b.value(), "a fresh token at every start");
        assertEquals("sc://localhost:15002/;token=" + a.value(), a.localUrl(15002));
        assertTrue(!a.toString().contains(a.value()), "the token never shows in a toString");
    }

    @Test
    void anEmptyTokenFileIsRefused() throws Exception {
        Path file = Files.writeString(dir.resolve("empty"), "\n");
        org.nsbi.model.UserError e = assertThrows(org.nsbi.model.UserError.class, () -> ConnectToken.resolve(file.toString(), null));
        assertEquals("--token-file " + file + " is empty; expected the token on its first line", e.getMessage());
    }
}
