package org.nsbi.model.ratio;

import org.nsbi.model.ConfigNames;

/**
 * What a ratio network outputs, and how that output v becomes the density ratio r(x). All conversions are in
 * double precision.
 */
public enum RatioConvention {

    /**
     * A classifier probability s = sigmoid(logit) that x came from the numerator sample:
     * r = s / (1 &minus; s), computed as exp(ln s &minus; log1p(&minus;s)) for precision near s = 0 and s = 1.
     */
    SCORE {
        @Override
        public double toRatio(double s) {
            return Math.exp(Math.log(s) - Math.log1p(-s));
        }
    },
    /** The classifier logit l: r = e^l. */
    LOGIT {
        @Override
        public double toRatio(double l) {
            return Math.exp(l);
        }
    },
    /** The ratio itself: r = v. */
    RATIO {
        @Override
        public double toRatio(double v) {
            return v;
        }
    },
    /** The log ratio: r = e^v (the same arithmetic as {@link #LOGIT}, a different name for the user). */
    LOG_RATIO {
        @Override
        public double toRatio(double v) {
            return Math.exp(v);
        }
    };

    /** Converts one network output to a ratio. Invalid outputs (s outside [0, 1], NaN) give NaN or a negative. */
    public abstract double toRatio(double output);

    /**
     * The convention with this config name.
     *
     * @throws org.nsbi.model.UserError naming the value and the accepted names
     */
    public static RatioConvention fromConfigName(String name) {
        return ConfigNames.parse(RatioConvention.class, name, "output convention");
    }
}
