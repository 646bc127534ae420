package org.nsbi.spark.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nsbi.model.UserError;
import org.nsbi.spark.SharedSpark;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Whose fault a failure is: a {@link UserError} gives exit 2 and its message in one line; anything else, here an
 * exception thrown from inside a Spark task (as a bug of ours would be), gives exit 1 and the stack trace, even when
 * it is an IllegalArgumentException.
 */
class ExitCodesTest {

    @TempDir
    Path dir;

    /** A command whose Spark job throws in its tasks: a bug of ours, or a user error met on an executor. */
    @Command(name = "fail")
    static final class FailingJob implements Callable<Integer> {
        @Option(names = "--what")
        String what;

        @Override
        public Integer call() {
            String what = this.what;
            JavaSparkContext.fromSparkContext(SharedSpark.session().sparkContext()).parallelize(List.of(1, 2), 2)
                    .foreach(i -> {
                        if (what.equals("bug")) {
                            throw new IllegalArgumentException("an internal check failed in task " + i);
                        }
                        throw new UserError("data.csv: column w: value -1; expected a weight >= 0");
                    });
            return 0;
        }
    }

    private record Run(int code, String err) {
    }

    private static Run run(CommandLine cl, String... args) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        cl.setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));
        return new Run(cl.execute(args), err.toString(StandardCharsets.UTF_8));
    }

    private static Run fail(String what) {
        CommandLine cl = NsbiCommand.commandLine();
        cl.addSubcommand("fail", new FailingJob());
        return run(cl, "fail", "--what", what);
    }

    @Test
    void aBugThrownInsideAJobGivesExit1AndItsStackTrace() {
        Run r = fail("bug");
        assertEquals(1, r.code(), r.err());
        assertTrue(r.err().startsWith("nsbi fail: error: an internal check failed in task "), r.err());
        assertTrue(r.err().contains("java.lang.IllegalArgumentException: an internal check failed in task"), r.err());
        assertTrue(r.err().contains("\tat org.nsbi.spark.cli.ExitCodesTest"), "the stack trace, to our code:\n" + r.err());
    }

    @Test
    void aUserErrorMetInsideAJobGivesExit2InOneLine() {
        Run r = fail("user");
        assertEquals(2, r.code(), r.err());
        assertEquals("nsbi fail: error: data.csv: column w: value -1; expected a weight >= 0\n", r.err());
    }

    @Test
    void aScoredFolderOfTheWrongKindGivesExit2InOneLine() throws Exception {
        Path notScored = Files.createDirectories(dir.resolve("report"));
        Files.writeString(notScored.resolve("report.html"), "<html></html>");
        Run r = run(NsbiCommand.commandLine(), "neyman", "--config",
                Path.of("..", "submit", "examples", "offshell-toy-exact.yaml").toString(), "--scored", notScored.toString(),
                "--out", dir.resolve("out").toString(), "--master", "local[2]");
        assertEquals(2, r.code(), r.err());
        assertEquals(1, r.err().lines().count(), "one line:\n" + r.err());
        // refused before any table is read: the folder has no scored.json (StaleInputsTest has the other cases)
        assertTrue(r.err().startsWith("nsbi neyman: error: --scored " + notScored + " is not the output of 'nsbi score'"
                + " (no scored.json in it)"), r.err());
        assertFalse(Files.exists(dir.resolve("out")), "nothing written");
    }

    /**
     * An input folder that does not exist is the user's mistake for every command that reads one: exit 2, one line
     * naming the folder, nothing written.
     */
    @Test
    void aMissingInputFolderGivesExit2InOneLineForEveryCommand() {
        String config = Path.of("..", "submit", "examples", "offshell-toy-exact.yaml").toString();
        String missing = dir.resolve("no-such-run").toString();
        List<String[]> commands = List.of(
                new String[] {"neyman", "--config", config, "--scored", missing},
                new String[] {"interval", "--run", missing},
                new String[] {"coverage", "--run", missing, "--experiments-from", "bootstrap"},
                new String[] {"report", "--run", missing});
        for (String[] command : commands) {
            List<String> args = new java.util.ArrayList<>(List.of(command));
            args.addAll(List.of("--out", dir.resolve("out").toString(), "--master", "local[2]"));
            Run r = run(NsbiCommand.commandLine(), args.toArray(String[]::new));
            String what = String.join(" ", command);
            assertEquals(2, r.code(), what + ":\n" + r.err());
            assertEquals(1, r.err().lines().count(), what + ": one line:\n" + r.err());
            assertTrue(r.err().startsWith("nsbi " + command[0] + ": error: ") && r.err().contains(missing), what + ": " + r.err());
            assertFalse(Files.exists(dir.resolve("out")), what + ": nothing written");
        }
    }
}
