package org.nsbi.model.serve;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import org.nsbi.model.UserError;

/**
 * The pre-shared token of the Spark Connect server ({@code spark.connect.authenticate.token}, Spark 4.0's bearer-token
 * check on every call): read from a file, else from an environment variable, else generated at start.
 *
 * @param value  the token
 * @param source where it came from: "generated", "file PATH" or "environment variable NAME"
 */
public record ConnectToken(String value, String source) {

    /** The environment variable a token is read from when no file is given. */
    public static final String ENV = "NSBI_CONNECT_TOKEN";

    /**
     * @param file a file holding the token (one line), or null
     * @param env  the value of {@link #ENV}, or null
     */
    public static ConnectToken resolve(String file, String env) {
        if (file != null) {
            try {
                String t = Files.readString(Path.of(file), StandardCharsets.UTF_8).strip();
                if (t.isEmpty()) {
                    throw new UserError("--token-file " + file + " is empty; expected the token on its first line");
                }
                return new ConnectToken(t, "file " + file);
            } catch (IOException e) {
                throw new UserError("cannot read --token-file " + file + ": " + e.getMessage(), e);
            }
        }
        if (env != null && !env.isBlank()) {
            return new ConnectToken(env.strip(), "environment variable " + ENV);
        }
        byte[] b = new byte[24];
        new SecureRandom().nextBytes(b);
        return new ConnectToken(HexFormat.of().formatHex(b), "generated");
    }

    /** The connection string a client on this machine uses (the JVM and Python clients send a token in plain text only to "localhost"). */
    public String localUrl(int port) {
        return "sc://localhost:" + port + "/;token=" + value;
    }

    @Override
    public String toString() {
        return "ConnectToken[" + source + "]";
    }
}
