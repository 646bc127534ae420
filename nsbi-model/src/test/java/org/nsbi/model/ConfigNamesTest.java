package org.nsbi.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.nsbi.model.onnx.EnsembleAverage;
import org.nsbi.model.ratio.RatioConvention;

class ConfigNamesTest {

    @Test
    void everyConstantIsFoundByItsLowerCaseName() {
        for (RatioConvention c : RatioConvention.values()) {
            assertEquals(c, ConfigNames.parse(RatioConvention.class, c.name().toLowerCase(java.util.Locale.ROOT), "x"));
        }
        assertEquals("log_ratio", ConfigNames.of(RatioConvention.LOG_RATIO));
        assertEquals("ratio, output", ConfigNames.all(EnsembleAverage.class));
        assertEquals(EnsembleAverage.OUTPUT, EnsembleAverage.fromConfigName("output"));
    }

    @Test
    void anUnknownNameIsAUserErrorNamingTheValueAndTheAcceptedNames() {
        UserError e = assertThrows(UserError.class, () -> EnsembleAverage.fromConfigName("RATIO"));
        assertEquals("unknown ensemble average 'RATIO'; expected one of ratio, output", e.getMessage());
    }
}
