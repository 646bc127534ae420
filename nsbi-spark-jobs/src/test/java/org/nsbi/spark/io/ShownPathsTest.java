package org.nsbi.spark.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Path;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Paths in anything printed are plain paths (never file: URIs), and a path inside an open output folder's hidden
 * staging folder is named at its final place: what `run` reads back from its own earlier stages (its scores, its
 * report's run folder) is named where the user will find it.
 */
class ShownPathsTest {

    @TempDir
    Path dir;

    @Test
    void localUrisBecomePlainPathsAndOtherUrlsStay() {
        Map<String, String> shown = Map.of(
                "no file /tmp/a/summary.json; expected it", "no file /tmp/a/summary.json; expected it",
                "no file file:/tmp/a/summary.json; expected it", "no file /tmp/a/summary.json; expected it",
                "[file:///tmp/a/x.parquet, file:/tmp/b]", "[/tmp/a/x.parquet, /tmp/b]",
                "hdfs://127.0.0.1:9000/nsbi/run", "hdfs://127.0.0.1:9000/nsbi/run",
                "profile:/x and file:relative", "profile:/x and file:relative");
        shown.forEach((given, plain) -> assertEquals(plain, ShownPaths.text(given), given));
    }

    @Test
    void aPathInAnOpenStagingFolderIsShownAtItsFinalPlace() {
        String target = dir.resolve("run-out").toString();
        OutputFolder out = OutputFolder.create(target, OutputFolder.ExistingPolicy.REFUSE, new Configuration());
        String inside = out.stagingPath("scored/reference");
        assertFalse(inside.replace("file:", "").startsWith(target), "the staging folder is elsewhere: " + inside);
        assertEquals(target + "/scored/reference", ShownPaths.of(inside));
        assertEquals(target + "/scored/reference", OutputFolder.shown(new org.apache.hadoop.fs.Path(inside)));
        assertEquals("reading " + target + "/scored/reference: no column 'x'",
                ShownPaths.text("reading " + inside + ": no column 'x'"));
        assertEquals(target, ShownPaths.of(out.stagingRoot()));
        out.commit();
        assertEquals(target + "/scored/reference", ShownPaths.of(target + "/scored/reference"));
    }

    @Test
    void aStagingFolderIsForgottenWhenAbandoned() {
        String target = dir.resolve("refused").toString();
        OutputFolder out = OutputFolder.create(target, OutputFolder.ExistingPolicy.REFUSE, new Configuration());
        String root = new org.apache.hadoop.fs.Path(out.stagingRoot()).toUri().getPath();
        out.abandon();
        assertEquals(root, ShownPaths.of(root), "no longer open: shown as it is");
    }

    /** The one error line of a command shows plain paths, also where the message quotes Spark's file: URIs. */
    @Test
    void errorLinesShowPlainPaths() throws Exception {
        picocli.CommandLine cl = org.nsbi.spark.cli.NsbiCommand.commandLine();
        java.io.StringWriter err = new java.io.StringWriter();
        cl.setErr(new java.io.PrintWriter(err));
        int code = cl.getExecutionExceptionHandler().handleExecutionException(new org.nsbi.model.UserError(
                "file:/tmp/x/ref.parquet: cannot read a parquet table ([PATH_NOT_FOUND] Path does not exist:"
                        + " file:/tmp/x/ref.parquet.); expected the events of sample ref"), cl, null);
        assertEquals(2, code);
        assertEquals("nsbi nsbi: error: /tmp/x/ref.parquet: cannot read a parquet table ([PATH_NOT_FOUND] Path does not"
                + " exist: /tmp/x/ref.parquet.); expected the events of sample ref", err.toString().strip());
    }
}
