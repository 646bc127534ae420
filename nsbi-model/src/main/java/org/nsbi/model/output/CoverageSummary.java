package org.nsbi.model.output;

import java.util.List;
import java.util.Map;
import org.nsbi.stats.coverage.Coverage;

/**
 * coverage.json, the record of a coverage check: what was tested (the source of the experiments and what that makes
 * the check, the truths, the seeds), which run (its folder and the SHA-256 of its belts, summary, config and scored
 * reference sample), and one row per (&mu;_true, CL, method). Written and read as this record (snake_case keys, by
 * nsbi-spark-jobs' Json).
 *
 * @param command           "coverage"
 * @param source            "simulator", "files" or "bootstrap"
 * @param tests             what a check from this source tests (a bootstrap is a closure test of the machinery only)
 * @param sourceFiles       the independent MC sample's files ("files"), else empty
 * @param run               the run folder tested
 * @param config            the analysis config
 * @param runHashes         SHA-256 of the run's inputs and outputs that the check depends on
 * @param nuisanceTruth     the belt's nuisance truth ("nominal" or "profiled") and what the experiments' &alpha;_true is
 * @param truths            &alpha;_true at each &mu;_true, by nuisance parameter name
 * @param seed              the experiments' run seed
 * @param streams           the streams' purpose; experiment i at &mu;_true draws from ToyRandom(seed, streams, bits of &mu;_true, i)
 * @param beltSeed          the seed of the belt's toys (from the run's summary)
 * @param experimentsPerMu  experiments per &mu;_true
 * @param experimentsPerBlock experiments per task
 * @param errors            how the errors are computed
 * @param coverage          the rows
 * @param experimentSeconds time spent on the experiments (with loading the reference and scoring an MC sample)
 * @param seconds           wall time of the command
 */
public record CoverageSummary(String command, String source, String tests, List<String> sourceFiles, String run,
                           String config, RunHashes runHashes, String nuisanceTruth, List<Truth> truths, long seed,
                           String streams, long beltSeed, int experimentsPerMu, int experimentsPerBlock, String errors,
                           List<Row> coverage, double experimentSeconds, double seconds) implements TimedSummary<CoverageSummary> {

    public static final String ERRORS = "error = sqrt(binomial^2 + belt^2): binomial = sqrt(p(1-p)/n), at p = 0 or 1 the"
            + " distance to the far end of the central 68.27% Clopper-Pearson interval; belt (Neyman only) ="
            + " sqrt(CL(1-CL)/N_toys), the belt's own Monte Carlo noise; pull = (fraction - CL)/error";

    public CoverageSummary {
        sourceFiles = List.copyOf(sourceFiles);
        truths = List.copyOf(truths);
        coverage = List.copyOf(coverage);
    }

    /**
     * SHA-256 (hex) of what the check tested.
     *
     * @param belts     belts.csv of the run
     * @param summary   summary.json of the run
     * @param config    the config file
     * @param reference the scored reference sample, in its canonical order (weights and ratios)
     */
    public record RunHashes(String belts, String summary, String config, String reference) {
    }

    /** &alpha;_true at one &mu;_true. */
    public record Truth(double mu, Map<String, Double> alpha) {
    }

    /** One (&mu;_true, CL, method): the counts and the derived fraction, errors and pull. */
    public record Row(double mu, double cl, String method, int covered, int n, int failed, int beltToys, double fraction,
                      double error, double binomialError, double beltError, double pull) {

        public static Row of(Coverage c) {
            return new Row(c.mu(), c.cl(), c.method(), c.covered(), c.n(), c.failed(), c.beltToys(), c.fraction(), c.error(),
                    c.binomialError(), c.beltError(), c.pull());
        }

        public Coverage toCoverage() {
            return new Coverage(mu, cl, method, covered, n, failed, beltToys);
        }
    }

    /** The rows as nsbi-stats' Coverage. */
    public List<Coverage> rows() {
        return coverage.stream().map(Row::toCoverage).toList();
    }

    @Override
    public CoverageSummary withSeconds(double s) {
        return new CoverageSummary(command, source, tests, sourceFiles, run, config, runHashes, nuisanceTruth, truths, seed,
                streams, beltSeed, experimentsPerMu, experimentsPerBlock, errors, coverage, experimentSeconds, s);
    }
}
