package org.nsbi.model.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nsbi.model.ratio.BadRatioPolicy;

/** AnalysisConfig's with… copies: one per component, each changes the component it names and keeps the others. */
class AnalysisConfigCopiesTest {

    private static final AnalysisConfig CONFIG = AnalysisConfigParser.withDefaults().parse(ExampleConfigTest.EXAMPLE);

    @Test
    void eachCopyChangesItsComponentOnly() throws ReflectiveOperationException {
        AnalysisConfig c = CONFIG;
        Map<String, Object> values = new LinkedHashMap<>();
        Map<String, AnalysisConfig> copies = new LinkedHashMap<>();
        put(values, copies, "file", "other.yaml", c.withFile("other.yaml"));
        put(values, copies, "features", List.of("c", "m", "y"), c.withFeatures(List.of("c", "m", "y")));
        put(values, copies, "reference", c.observed(), c.withReference(c.observed()));
        put(values, copies, "processes", c.processes().subList(0, 1), c.withProcesses(c.processes().subList(0, 1)));
        put(values, copies, "systematics", List.of(), c.withSystematics(List.of()));
        Poi poi = new Poi("k", -1, 9);
        put(values, copies, "poi", poi, c.withPoi(poi));
        NeymanSettings neyman = c.neyman().withSeed(c.neyman().seed() + 1);
        put(values, copies, "neyman", neyman, c.withNeyman(neyman));
        put(values, copies, "observed", c.reference(), c.withObserved(c.reference()));
        BadRatioPolicy clip = BadRatioPolicy.clip(10);
        put(values, copies, "badRatios", clip, c.withBadRatios(clip));
        put(values, copies, "observedAux", Map.of("energy_scale", 0.125), c.withObservedAux(Map.of("energy_scale",
                0.125)));
        put(values, copies, "normaliseRatios", !c.normaliseRatios(), c.withNormaliseRatios(!c.normaliseRatios()));

        RecordComponent[] components = AnalysisConfig.class.getRecordComponents();
        assertEquals(Arrays.stream(components).map(RecordComponent::getName).toList(), List.copyOf(copies.keySet()),
                "a copy per component");
        for (Map.Entry<String, AnalysisConfig> copy : copies.entrySet()) {
            for (RecordComponent rc : components) {
                Object before = rc.getAccessor().invoke(c);
                Object after = rc.getAccessor().invoke(copy.getValue());
                String what = "with " + copy.getKey() + ": " + rc.getName();
                if (rc.getName().equals(copy.getKey())) {
                    assertNotEquals(before, after, what + " changed");
                    assertEquals(values.get(copy.getKey()), after, what);
                } else {
                    assertEquals(before, after, what + " kept");
                }
            }
        }
    }

    private static void put(Map<String, Object> values, Map<String, AnalysisConfig> copies, String component,
                            Object value, AnalysisConfig copy) {
        values.put(component, value);
        copies.put(component, copy);
    }
}
