package org.nsbi.spark.provenance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.nsbi.model.config.AnalysisConfig;
import org.nsbi.model.config.EventSource;
import org.nsbi.model.config.ProcessSpec;
import org.nsbi.model.config.RatioSource;
import org.nsbi.model.config.Systematic;
import org.nsbi.model.config.SystematicEffect;
import org.nsbi.model.output.Json;
import org.nsbi.model.output.OutputMarker;
import org.nsbi.model.output.Provenance;
import org.nsbi.model.provenance.BuildInfo;

/**
 * The provenance of an output made from a config: the config's and every ONNX network's SHA-256, and what the scores
 * and the fit model depend on, by name. Networks are named by content (SHA-256), not by path, so a copied analysis
 * is the same analysis; samples by file name and size (their content is not read again).
 */
public final class ConfigProvenance {

    private ConfigProvenance() {
    }

    /** The provenance of a new output made from {@code config}, with a fresh output id and no inputs yet. */
    public static Provenance of(AnalysisConfig config, Configuration hadoop) {
        Map<String, String> onnx = new LinkedHashMap<>();
        Map<String, String> scoring = new LinkedHashMap<>();
        scoring.put("features", config.features().toString());
        scoring.put("bad_ratios", String.valueOf(config.badRatios()));
        for (EventSource s : config.reference()) {
            scoring.put("reference " + s.name(), sample(s, hadoop));
        }
        for (EventSource s : config.observed()) {
            scoring.put("observed " + s.name(), sample(s, hadoop));
        }
        Map<String, String> model = new LinkedHashMap<>();
        for (ProcessSpec p : config.processes()) {
            scoring.put("ratio " + p.name(), ratio(p.ratio(), onnx, hadoop));
            model.put("process " + p.name(), "yield " + p.yield() + ", coefficient " + p.coefficient());
        }
        for (Systematic s : config.systematics()) {
            for (SystematicEffect e : s.effects()) {
                e.ratioUp().ifPresent(r -> scoring.put("shape " + s.name() + " on " + e.process() + " up", ratio(r, onnx, hadoop)));
                e.ratioDown().ifPresent(r -> scoring.put("shape " + s.name() + " on " + e.process() + " down", ratio(r, onnx, hadoop)));
                e.yields().ifPresent(y -> model.put("yield " + s.name() + " on " + e.process(), "up " + y.up() + ", down " + y.down()));
            }
            if (s.normalisedShape()) { // recorded only when set, so runs of the seeds' model keep their provenance
                model.put("shape_normalisation " + s.name(), "per_event");
            }
        }
        model.put("poi", String.valueOf(config.poi()));
        model.put("normalise_ratios", String.valueOf(config.normaliseRatios()));
        return new Provenance(BuildInfo.version(), BuildInfo.gitCommit(), config.file(),
                sha256(read(config.file(), hadoop)), onnx, scoring, model, UUID.randomUUID().toString(), Map.of());
    }

    /** The provenance of an output made without a config (a report): the program, a fresh id, no inputs yet. */
    public static Provenance ofProgram() {
        return new Provenance(BuildInfo.version(), BuildInfo.gitCommit(), null, null, Map.of(), Map.of(), Map.of(),
                UUID.randomUUID().toString(), Map.of());
    }

    /** The text of an output's marker file: the command that wrote it, now, and its provenance. */
    public static String marker(String command, Provenance p) {
        return Json.write(new OutputMarker(command, java.time.Instant.now().toString(), p));
    }

    private static String ratio(RatioSource r, Map<String, String> onnx, Configuration hadoop) {
        if (r instanceof RatioSource.Onnx o) {
            List<String> hashes = new ArrayList<>();
            for (String f : o.files()) {
                String h = onnx.computeIfAbsent(f, x -> sha256(read(x, hadoop)));
                hashes.add(h);
            }
            return "onnx sha256 " + String.join(" + ", hashes) + " (" + o.convention() + ", " + o.average() + ")";
        }
        return r.toString();
    }

    private static String sample(EventSource s, Configuration hadoop) {
        if (s instanceof EventSource.Simulated m) {
            return "simulated " + m.sample() + ", " + m.events() + " events, seed " + m.seed();
        }
        if (s instanceof EventSource.SimulatedObservation o) {
            // sorted: a Map's iteration order may differ from one JVM to the next
            return "simulated observation at mu " + o.mu() + ", alpha " + new java.util.TreeMap<>(o.alpha()) + ", seed " + o.seed();
        }
        if (!(s instanceof EventSource.Files f)) {
            throw new IllegalStateException("no description for the sample kind " + s.getClass().getSimpleName());
        }
        List<String> files = new ArrayList<>();
        try {
            for (String p : f.paths()) {
                Path path = new Path(p);
                FileSystem fs = path.getFileSystem(hadoop);
                FileStatus[] matches = fs.globStatus(path);
                for (FileStatus m : matches == null ? new FileStatus[0] : matches) {
                    files.add(m.getPath().getName() + " (" + fs.getContentSummary(m.getPath()).getLength() + " bytes)");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the sample " + s.name() + " " + f.paths() + ": " + e.getMessage(), e);
        }
        return f.format() + " " + files + (f.weightColumn() == null ? "" : ", weight " + f.weightColumn());
    }

    private static byte[] read(String file, Configuration hadoop) {
        Path p = new Path(file);
        try (var in = p.getFileSystem(hadoop).open(p)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** The SHA-256 of some bytes, in hex. */
    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM has no SHA-256", e);
        }
    }
}
