package org.nsbi.model.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class StageTimeTest {

    @Test
    void theClockRecordsEachStageOnceInOrderAndTheirSumIsTheElapsedTime() throws InterruptedException {
        long start = System.nanoTime();
        StageTime.Clock clock = new StageTime.Clock();
        Thread.sleep(20);
        clock.end(StageTime.Stage.LOAD);
        Thread.sleep(5);
        clock.skip();
        Thread.sleep(30);
        clock.end(StageTime.Stage.TOYS);
        double elapsed = (System.nanoTime() - start) / 1e9;
        List<StageTime> t = clock.times();
        assertEquals(List.of(StageTime.Stage.LOAD, StageTime.Stage.TOYS), t.stream().map(StageTime::stage).toList());
        assertTrue(t.get(0).seconds() >= 0.020 && t.get(1).seconds() >= 0.030, t.toString());
        double sum = t.get(0).seconds() + t.get(1).seconds();
        assertTrue(sum <= elapsed - 0.005, "the skipped 5 ms are in no stage: " + sum + " of " + elapsed);
    }

    @Test
    void stagesAreWrittenInSnakeCaseAndReadBack() {
        String json = Json.write(new StageTime(StageTime.Stage.OBSERVED_INTERVAL, 1.5));
        assertTrue(json.contains("\"stage\" : \"observed_interval\""), json);
        assertEquals(new StageTime(StageTime.Stage.OBSERVED_INTERVAL, 1.5), Json.read(json, StageTime.class, "test"));
    }

    @Test
    void anUnknownStageIsRefusedNamingIt() {
        Exception e = assertThrows(RuntimeException.class,
                () -> Json.read("{\"stage\": \"warp_drive\", \"seconds\": 1}", StageTime.class, "summary.json"));
        assertTrue(e.getMessage().contains("warp_drive"), e.getMessage());
    }
}
