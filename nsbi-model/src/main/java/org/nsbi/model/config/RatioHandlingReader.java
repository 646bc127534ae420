package org.nsbi.model.config;

import com.fasterxml.jackson.databind.JsonNode;
import org.nsbi.model.ratio.BadRatioPolicy;

/** The sections on how ratios are used: {@code bad_ratios} and {@code normalise_ratios}. */
final class RatioHandlingReader {

    private RatioHandlingReader() {
    }

    /** {@code bad_ratios}: {@code {policy: fail}} (default) or {@code {policy: clip, clip_max}}; null with problems. */
    static BadRatioPolicy badRatios(ConfigProblems p, JsonNode top) {
        if (!top.has("bad_ratios")) {
            return BadRatioPolicy.FAIL;
        }
        JsonNode b = p.mapping(top.get("bad_ratios"), "bad_ratios", "policy", "clip_max");
        if (b == null) {
            return null;
        }
        String policy = p.string(b, "policy", "bad_ratios", true);
        if ("fail".equals(policy)) {
            if (b.has("clip_max")) {
                p.add("bad_ratios.clip_max", "expected only with policy clip, found it with policy fail");
            }
            return BadRatioPolicy.FAIL;
        }
        if ("clip".equals(policy)) {
            Double max = p.positive(b, "clip_max", "bad_ratios");
            return max == null ? null : BadRatioPolicy.clip(max);
        }
        if (policy != null) {
            p.add("bad_ratios.policy", "expected fail or clip, found '" + policy + "'");
        }
        return null;
    }

    /** {@code normalise_ratios}: true or false (default). */
    static boolean normaliseRatios(ConfigProblems p, JsonNode top) {
        JsonNode n = top.get("normalise_ratios");
        if (n == null || n.isNull()) {
            return false;
        }
        if (!n.isBoolean()) {
            p.add("normalise_ratios", "expected true or false, found " + n);
            return false;
        }
        return n.booleanValue();
    }
}
