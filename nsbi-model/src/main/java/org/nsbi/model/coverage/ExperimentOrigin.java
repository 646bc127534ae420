package org.nsbi.model.coverage;

import java.util.Locale;

/** Where a coverage check's experiments come from, and what that makes the check. */
public enum ExperimentOrigin {
    /** The off-shell toy's simulator at the truth, scored with the run's ratios: a check of the analysis. */
    SIMULATOR("a coverage check of the analysis: experiments drawn by the simulator at the truth, independently of"
            + " the reference sample and the belt's toys, scored with the run's ratios"),
    /** A Poisson bootstrap of an independent weighted MC sample with the run's model weights at the truth. */
    FILES("a coverage check of the analysis: experiments Poisson-bootstrapped from an independent MC sample (not the"
            + " reference) with the run's model weights at the truth"),
    /** A Poisson bootstrap of the belt's own reference sample: exchangeable with the belt's toys. */
    BOOTSTRAP("a closure test of the machinery only: experiments bootstrapped from the belt's own reference sample are"
            + " exchangeable with its toys and cover by construction, whatever is wrong with the ratios or the sample");

    private final String meaning;

    ExperimentOrigin(String meaning) {
        this.meaning = meaning;
    }

    /** What a coverage check from this source tests, for coverage.json and the report. */
    public String meaning() {
        return meaning;
    }

    /** The name in coverage.json and on the command line. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The random streams' purpose of the experiments (never the belt's "toy"). */
    public String purpose() {
        return "coverage-" + label();
    }
}
