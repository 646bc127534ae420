package org.nsbi.spark.provenance;

import org.nsbi.model.UserError;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeSet;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.nsbi.model.output.Json;
import org.nsbi.model.output.OutputMarker;
import org.nsbi.model.output.Provenance;
import org.nsbi.spark.io.OutputFolder;

/**
 * Refuses inputs made from something else than what a command is given: scores of other ratios or samples, belts
 * of another model or of other scores, intervals of other belts. Every check runs before the command's output
 * folder is opened, so a refusal writes nothing; the message names the input, the first difference and the fix.
 */
public final class InputCheck {

    /** An input output folder and what its marker says. */
    public record Input(String folder, String role, Provenance provenance, String markerSha256) {
    }

    private final Configuration hadoop;

    public InputCheck(Configuration hadoop) {
        this.hadoop = hadoop;
    }

    /**
     * The folder of a {@code score} output given as {@code --scored}: the folder itself, or its parent when the inner
     * {@code scored/} was given.
     */
    public String scoredFolder(String given) {
        Path p = new Path(given);
        if (exists(new Path(p, "scored.json"))) {
            return given;
        }
        if ("scored".equals(p.getName()) && p.getParent() != null && exists(new Path(p.getParent(), "scored.json"))) {
            return p.getParent().toString();
        }
        throw new UserError("--scored " + given + " is not the output of 'nsbi score' (no scored.json in it"
                + (p.getName().equals("scored") ? " or beside it" : "") + "); expected the folder 'score' (or 'run') wrote,"
                + " which holds scored.json and scored/, or that scored/ itself");
    }

    /** Reads the marker of an input folder. */
    public Input read(String folder, String role) {
        Path marker = new Path(folder, OutputFolder.MARKER);
        if (!exists(marker)) {
            throw new UserError("the " + role + " input " + folder + " has no " + OutputFolder.MARKER
                    + ": it was not written by this version of nsbi; make it again");
        }
        byte[] bytes = bytes(marker);
        OutputMarker m = Json.read(new String(bytes, StandardCharsets.UTF_8), OutputMarker.class, marker.toString());
        if (m.provenance() == null || m.provenance().scoring() == null) {
            throw new UserError(marker + ": no provenance; it was not written by this version of nsbi;"
                    + " make the " + role + " input again");
        }
        return new Input(folder, role, m.provenance(), ConfigProvenance.sha256(bytes));
    }

    /** The input's scores were made from the same ratios, features and samples as the config's. */
    public void sameScoring(Input in, Provenance config) {
        same(in, "scoring", in.provenance().scoring(), config.scoring(), config.config());
    }

    /** The input's model (scores and yields, coefficients, nuisance parameters, poi) is the config's. */
    public void sameModel(Input in, Provenance config) {
        sameScoring(in, config);
        same(in, "model", in.provenance().model(), config.model(), config.config());
    }

    /** The belts were built from these scores (a run folder's belts from its own). */
    public void beltsFromScores(Input belts, Input scored) {
        String from = belts.provenance().inputs().get("scored");
        boolean own = from == null && belts.provenance().outputId().equals(scored.provenance().outputId());
        if (!own && !scored.markerSha256().equals(from)) {
            throw new UserError("the belts " + belts.folder() + " were not built from the scores " + scored.folder()
                    + (from == null ? " but from the scores of their own run; pass --scored " + belts.folder()
                    : " but from other scores (marker sha256 " + from + ", this one's " + scored.markerSha256() + ")")
                    + "; pass the --scored the belts were built from, or run neyman on these scores");
        }
    }

    /** The interval folder was inverted from the belts of {@code run}. */
    public void intervalOfBelts(Input interval, Input run) {
        String from = interval.provenance().inputs().get("belts");
        if (!run.markerSha256().equals(from)) {
            throw new UserError("the interval " + interval.folder() + " was not inverted from the belts of "
                    + run.folder() + (from == null ? " (it records no belts)" : " but from other belts (marker sha256 "
                    + from + ", this run's " + run.markerSha256() + ")") + "; pass an interval made with --run " + run.folder());
        }
    }

    /**
     * Refuses an output whose inputs were made again (or removed) after it: each input folder, by role, must still
     * hold the marker whose SHA-256 the output recorded.
     *
     * @param output       the output folder (for the message)
     * @param provenance   its provenance
     * @param inputFolders where its inputs are, by role (the paths its summary names)
     */
    public void inputsUnchanged(String output, Provenance provenance, Map<String, String> inputFolders) {
        for (Map.Entry<String, String> e : inputFolders.entrySet()) {
            String recorded = provenance.inputs().get(e.getKey());
            if (recorded == null || e.getValue() == null) {
                continue;
            }
            Path marker = new Path(e.getValue(), OutputFolder.MARKER);
            String now = exists(marker) ? ConfigProvenance.sha256(bytes(marker)) : null;
            if (!recorded.equals(now)) {
                throw new UserError(output + " was made from the " + e.getKey() + " input " + e.getValue() + " as it was"
                        + " before: " + (now == null ? "that folder no longer holds an nsbi output"
                        : "it has been made again since (marker sha256 " + now + ", recorded " + recorded + ")")
                        + "; make " + output + " again from it, or take it out of the results");
            }
        }
    }

    private static void same(Input in, String what, Map<String, String> found, Map<String, String> expected, String config) {
        for (String key : new TreeSet<>(union(found, expected))) {
            String f = found.get(key);
            String e = expected.get(key);
            if (f == null ? e != null : !f.equals(e)) {
                throw new UserError("the " + in.role() + " input " + in.folder() + " was made from another "
                        + (what.equals("scoring") ? "analysis" : "model") + ": its " + key + " is "
                        + (f == null ? "absent" : f) + " where the config " + config + " has " + (e == null ? "none" : e)
                        + "; make the " + in.role() + " input again with this config, or pass the config it was made with");
            }
        }
    }

    private static java.util.Set<String> union(Map<String, String> a, Map<String, String> b) {
        java.util.Set<String> s = new java.util.HashSet<>(a.keySet());
        s.addAll(b.keySet());
        return s;
    }

    private boolean exists(Path p) {
        try {
            return p.getFileSystem(hadoop).exists(p);
        } catch (IOException e) {
            return false;
        }
    }

    private byte[] bytes(Path p) {
        try {
            FileSystem fs = p.getFileSystem(hadoop);
            try (var in = fs.open(p)) {
                return in.readAllBytes();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + p + ": " + e.getMessage(), e);
        }
    }
}
