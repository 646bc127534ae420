package org.nsbi.model.validate;

import java.util.List;
import org.nsbi.model.config.EventSource;

/**
 * One ratio r = p_num / p_den to validate and the two samples it is checked on.
 *
 * @param ratio            the ratio, with its truth if any
 * @param estimates        what it estimates, in words (e.g. {@code p_SBI(x | energy_scale = +1) / p_SBI(x)})
 * @param numeratorName    the numerator sample's name (for the report)
 * @param numerator        events from p_num
 * @param denominatorName  the denominator sample's name
 * @param denominator      events from p_den (the reference sample for a process ratio, the nominal process sample
 *                         for a systematic one)
 */
public record ValidationTarget(RatioUnderTest ratio, String estimates, String numeratorName,
                               List<EventSource> numerator, String denominatorName, List<EventSource> denominator) {
    public ValidationTarget {
        numerator = List.copyOf(numerator);
        denominator = List.copyOf(denominator);
    }

    public String name() {
        return ratio.name();
    }
}
