package org.nsbi.model.config;

import java.util.Optional;

/**
 * What one nuisance parameter does to one process: yield factors &nu;_c(&alpha; = &plusmn;1)/&nu;_c, and/or
 * shape ratios p_c(x | &alpha; = &plusmn;1) / p_c(x). At least one of the two is present.
 *
 * @param process   the process name (one of the analysis's processes)
 * @param yields    the yield factors at &plusmn;1, if the parameter changes the yield
 * @param ratioUp   p_c(x | +1) / p_c(x), if the parameter changes the shape (then ratioDown is present too)
 * @param ratioDown p_c(x | &minus;1) / p_c(x)
 */
public record SystematicEffect(String process, Optional<YieldFactors> yields, Optional<RatioSource> ratioUp,
                               Optional<RatioSource> ratioDown) {

    /**
     * &nu;_c(+1)/&nu;_c and &nu;_c(&minus;1)/&nu;_c, both &gt; 0.
     */
    public record YieldFactors(double up, double down) {
    }

    /** Whether the parameter changes the shape of the process. */
    public boolean hasShape() {
        return ratioUp.isPresent();
    }
}
