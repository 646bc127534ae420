package org.nsbi.spark.actions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.function.Executable;
import org.nsbi.model.UserError;
import org.nsbi.spark.SharedSpark;

/**
 * {@code serve} as an action: its settings are checked when set, the session is started with the Connect plugin,
 * address, port and token (Connect is a plugin a session starts with), and a session started without the plugin is
 * refused before anything is read. The server itself is run by {@code tests/…/ConnectClientTest}.
 */
class ServeActionTest {

    private static final NsbiActions NO_SPARK = NsbiActions.get(null);

    @TempDir
    Path dir;

    private static void refused(Executable setting, String message) {
        UserError e = assertThrows(UserError.class, setting);
        assertEquals(message, e.getMessage());
    }

    @Test
    void eachBadSettingIsRefusedWhenSet() throws Exception {
        NO_SPARK.serve().results("r").host("0.0.0.0").port(1).port(65535).refreshSeconds(1).noAuth(true).noAuth(false);
        refused(() -> NO_SPARK.serve().port(0), "--port = 0; expected a port in [1, 65535]");
        refused(() -> NO_SPARK.serve().port(65536), "--port = 65536; expected a port in [1, 65535]");
        refused(() -> NO_SPARK.serve().refreshSeconds(0), "--refresh = 0; expected at least 1");
        refused(() -> NO_SPARK.serve().host(" "), "--host is empty; expected the address to bind to (127.0.0.1: this"
                + " machine only)");
        refused(() -> NO_SPARK.serve().results(""), "--results is empty; expected a folder (local path or any Hadoop URL)");
        refused(() -> NO_SPARK.serve().tokenFile(" "), "--token-file is empty; expected a file whose first line is the token");
        Path token = Files.writeString(dir.resolve("token"), "secret\n");
        refused(() -> NO_SPARK.serve().noAuth(true).tokenFile(token.toString()), "--no-auth and --token-file exclude each other");
        refused(() -> NO_SPARK.serve().tokenFile(token.toString()).noAuth(true), "--no-auth and --token-file exclude each other");
        // the file is read when it is set, not once the session has started
        Path missing = dir.resolve("no-such-token");
        UserError e = assertThrows(UserError.class, () -> NO_SPARK.serve().tokenFile(missing.toString()));
        assertTrue(e.getMessage().startsWith("cannot read --token-file " + missing + ": "), e.getMessage());
        refused(() -> NsbiActions.starting(s -> fail("no session before the settings are complete")).serve().execute(),
                "no results folder; expected --results DIR");
    }

    @Test
    void theSessionStartsWithTheConnectPluginAddressPortAndTokenAndOneWithoutThePluginIsRefused() throws Exception {
        Path token = Files.writeString(dir.resolve("token"), "secret\n");
        Map<String, String> asked = new LinkedHashMap<>();
        NsbiActions actions = NsbiActions.starting(settings -> {
            asked.putAll(settings);
            return SharedSpark.session();
        });
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> actions.serve().results(dir.toString())
                .host("0.0.0.0").port(15123).tokenFile(token.toString()).execute());
        assertEquals(Map.of("spark.plugins", ServeAction.PLUGIN, "spark.connect.grpc.binding.address", "0.0.0.0",
                "spark.connect.grpc.binding.port", "15123", "spark.connect.authenticate.token", "secret"), asked);
        assertTrue(e.getMessage().contains("run serve in a JVM of its own"), e.getMessage());

        asked.clear();
        assertThrows(IllegalStateException.class, () -> actions.serve().results(dir.toString()).noAuth(true).execute());
        assertEquals(List.of("spark.plugins", "spark.connect.grpc.binding.address", "spark.connect.grpc.binding.port"),
                List.copyOf(asked.keySet()), "no token without authentication");
        assertEquals("127.0.0.1", asked.get("spark.connect.grpc.binding.address"));
        assertEquals("" + ServeAction.PORT, asked.get("spark.connect.grpc.binding.port"));

        // a session given as it is: refused the same way, before the folder (empty here) is read
        assertThrows(IllegalStateException.class, () -> NsbiActions.get(SharedSpark.session()).serve()
                .results(dir.toString()).noAuth(true).execute());
    }
}
