package org.nsbi.stats.likelihood;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.nsbi.stats.model.EventTable;
import org.nsbi.stats.model.MixtureModel;

class NllInputTest {

    /** Fewer weights than events: a clear message before any event is read, not an index out of bounds. */
    @Test
    void theWeightsLengthIsCheckedBeforeTheEvents() {
        MixtureModel model = TestModels.offshellLike();
        EventTable events = TestModels.randomEvents(model, 10, 3);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Nll.of(model, events, new double[4], new double[3]));
        assertEquals("4 weights for 10 events; expected one per event", e.getMessage());
    }
}
