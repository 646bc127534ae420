package org.nsbi.model.validate;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.nsbi.model.UserError;
import org.nsbi.model.config.AnalysisConfig;
import org.nsbi.model.config.EventSource;
import org.nsbi.model.config.FileAccess;
import org.nsbi.model.config.ProcessSpec;
import org.nsbi.model.config.RatioSource;
import org.nsbi.model.config.Systematic;
import org.nsbi.model.config.SystematicEffect;
import org.nsbi.model.offshell.ToyCorrespondence;
import org.nsbi.model.score.ScoredColumns;
import org.nsbi.stats.random.ToyRandom;

/**
 * Which ratios of an analysis to validate, and on which samples. Each ratio needs events of its numerator and of
 * its denominator:
 * <ul>
 *   <li>r_c = p_c / p_ref: the c sample against the config's reference sample;</li>
 *   <li>r_{c,k,&plusmn;} = p_c(x | &alpha;_k = &plusmn;1) / p_c(x): the varied c sample against the c sample.</li>
 * </ul>
 * A numerator sample is named by its ratio column ({@code r_S}, {@code r_NI__ni_shape__up}, see
 * {@link ScoredColumns}): given by the user ({@code --sample r_S=<files>}), or, for an analysis built on the off-shell
 * toy, drawn by the simulator ({@code events} events, seed derived from the run seed and the sample's name). The
 * truth (exact ratios) is attached when the reference is the toy's p_ref.
 *
 * @param targets the ratios, in the config's order (processes, then shape systematics)
 * @param truth   null when the exact ratios are attached, else why there is no truth
 * @param sampled where the numerator samples come from, in words
 */
public record ValidationPlan(List<ValidationTarget> targets, String truth, String sampled) {

    /**
     * How to draw samples the user did not give, when the analysis is the off-shell toy.
     *
     * @param events events per sample, &ge; 1
     * @param seed   the run seed
     */
    public record ToyDraws(long events, long seed) {
        public ToyDraws {
            if (events < 1) {
                throw new UserError("--events = " + events + "; expected at least 1 event per sample");
            }
        }
    }

    /**
     * The plan for {@code config}.
     *
     * @param userSamples numerator samples by ratio column name (may be empty)
     * @param draws       how to simulate the missing ones (used only for an off-shell toy analysis)
     * @param only        ratio columns to validate (empty: all)
     * @throws IllegalArgumentException for a sample or a name in {@code only} that names no ratio column, or a ratio
     *                                  without a numerator sample when the simulator cannot draw it
     */
    public static ValidationPlan of(AnalysisConfig config, Map<String, EventSource> userSamples, ToyDraws draws,
                                    Set<String> only, FileAccess files) {
        List<Spec> specs = specs(config);
        Set<String> columns = new LinkedHashSet<>();
        specs.forEach(s -> columns.add(s.column));
        for (String name : userSamples.keySet()) {
            if (!columns.contains(name)) {
                throw new UserError("--sample " + name + ": no ratio of " + config.file()
                        + " has that name; expected one of " + columns);
            }
        }
        for (String name : only) {
            if (!columns.contains(name)) {
                throw new UserError("--only " + name + ": no ratio of " + config.file()
                        + " has that name; expected one of " + columns);
            }
        }
        String notToy = ToyCorrespondence.whyNotSimulable(config);
        String noTruth = ToyCorrespondence.whyNoTruth(config);
        List<ValidationTarget> targets = new ArrayList<>();
        for (Spec s : specs) {
            if (!only.isEmpty() && !only.contains(s.column)) {
                continue;
            }
            String exact = noTruth == null ? ToyCorrespondence.exactName(s.process, s.nuisance, s.dir) : null;
            RatioUnderTest ratio = RatioUnderTest.of(s.column, s.source, config.badRatios(), exact, files);
            EventSource numerator = sample(s.column, s.process, s.nuisance, s.dir, userSamples, notToy, draws);
            ValidationTarget target;
            if (s.dir == 0) {
                target = new ValidationTarget(ratio, "p_" + s.process + "(x) / p_ref(x)", numerator.name(),
                        List.of(numerator), "reference", config.reference());
            } else {
                String processColumn = ScoredColumns.process(s.process);
                EventSource nominal = sample(processColumn, s.process, null, 0, userSamples, notToy, draws);
                target = new ValidationTarget(ratio, "p_" + s.process + "(x | " + s.nuisance + " = "
                        + (s.dir > 0 ? "+1" : "-1") + ") / p_" + s.process + "(x)", numerator.name(),
                        List.of(numerator), nominal.name(), List.of(nominal));
            }
            checkColumnSamples(target, s);
            targets.add(target);
        }
        boolean drawn = targets.stream().flatMap(t -> java.util.stream.Stream.of(t.numerator(), t.denominator()))
                .flatMap(List::stream).filter(e -> !config.reference().contains(e))
                .anyMatch(e -> !userSamples.containsValue(e));
        boolean given = targets.stream().flatMap(t -> java.util.stream.Stream.of(t.numerator(), t.denominator()))
                .flatMap(List::stream).anyMatch(userSamples::containsValue);
        String simulator = "the off-shell toy simulator (" + draws.events() + " events per sample)";
        String sampled = given && drawn ? "--sample files, the others from " + simulator
                : given ? "--sample files" : simulator;
        return new ValidationPlan(targets, noTruth, sampled);
    }

    /**
     * A ratio given as a column of the samples is read from their files: a simulated numerator or denominator sample has
     * no such column, so the plan refuses it, naming the --sample to give.
     */
    private static void checkColumnSamples(ValidationTarget target, Spec s) {
        String column = target.ratio().dataColumn();
        if (column == null) {
            return;
        }
        String what = "ratio " + target.name() + " is the column '" + column + "' of the samples, so validate reads it"
                + " from the events of its numerator and its denominator";
        if (target.numerator().stream().anyMatch(e -> !(e instanceof EventSource.Files))) {
            throw new UserError(what + "; the numerator sample is simulated and has no such column: give it with"
                    + " --sample " + target.name() + "=<files with the features and '" + column + "'>");
        }
        if (target.denominator().stream().anyMatch(e -> !(e instanceof EventSource.Files))) {
            throw new UserError(what + "; the denominator sample " + target.denominatorName() + " is simulated and has"
                    + " no such column: " + (s.dir == 0 ? "the config's reference sample must be files"
                    : "give it with --sample " + ScoredColumns.process(s.process)) + " with the features and '"
                    + column + "'");
        }
    }

    /** One ratio of the config: process, nuisance (or null), direction (0 for a process ratio). */
    private record Spec(String column, String process, String nuisance, int dir, RatioSource source) {
    }

    private static List<Spec> specs(AnalysisConfig config) {
        List<Spec> specs = new ArrayList<>();
        for (ProcessSpec p : config.processes()) {
            specs.add(new Spec(ScoredColumns.process(p.name()), p.name(), null, 0, p.ratio()));
        }
        for (Systematic s : config.systematics()) {
            for (SystematicEffect e : s.effects()) {
                if (e.hasShape()) {
                    specs.add(new Spec(ScoredColumns.shape(e.process(), s.name(), +1), e.process(), s.name(), +1,
                            e.ratioUp().orElseThrow()));
                    specs.add(new Spec(ScoredColumns.shape(e.process(), s.name(), -1), e.process(), s.name(), -1,
                            e.ratioDown().orElseThrow()));
                }
            }
        }
        return specs;
    }

    private static EventSource sample(String column, String process, String nuisance, int dir,
                                      Map<String, EventSource> userSamples, String notToy, ToyDraws draws) {
        EventSource given = userSamples.get(column);
        if (given != null) {
            return given;
        }
        if (notToy != null) {
            throw new UserError("ratio " + column + ": no numerator sample; give one with --sample "
                    + column + "=<files> (the simulator cannot draw it: " + notToy + ")");
        }
        String name = ToyCorrespondence.sample(process, nuisance, dir);
        long seed = ToyRandom.of(draws.seed(), "validate-sample/" + name).nextLong();
        return new EventSource.Simulated(name, name, draws.events(), seed);
    }
}
