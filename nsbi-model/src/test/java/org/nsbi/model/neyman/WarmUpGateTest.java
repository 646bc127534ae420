package org.nsbi.model.neyman;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The warm-up gate: one toy task at a time until the warm-up toys are done, then every task at once. */
class WarmUpGateTest {

    @Test
    void itIsWorthItOnlyWhenASecondTaskThreadWouldTakeACoreFromTheCompilers() {
        assertTrue(WarmUpGate.worthIt(2, 2, 2), "local[2] on 2 cores, 1 C1 + 1 C2 thread");
        assertTrue(WarmUpGate.worthIt(4, 4, 3), "local[4] on 4 cores, 3 compiler threads");
        assertFalse(WarmUpGate.worthIt(1, 2, 2), "a single task thread has no one to hold back");
        assertFalse(WarmUpGate.worthIt(2, 8, 4), "local[2] on 8 cores: the compilers have cores of their own");
        assertFalse(WarmUpGate.worthIt(8, 8, 4), "local[8] on 8 cores: 3 cores are left for task threads");
    }

    @Test
    void aSecondTaskWaitsForTheFirstUntilItEndsAndThenHoldsTheTurnItself() throws Exception {
        WarmUpGate gate = new WarmUpGate(1000);
        WarmUpGate.Turn first = gate.enter(1000);
        assertTrue(first.held());
        first.ran(500);
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<WarmUpGate.Turn> second = pool.submit(() -> gate.enter(1000));
            Thread.sleep(200);
            assertFalse(second.isDone(), "the second task goes on while the first holds the turn");
            first.close();
            WarmUpGate.Turn next = second.get(10, TimeUnit.SECONDS);
            assertTrue(next.held(), "the gate is still closed (500 of 1000 toys): the second task holds the turn");
            assertFalse(gate.isOpen());
            next.close();
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void theWaitingTasksGoOnTogetherOnceTheWarmUpToysAreCountedAndLaterOnesDoNotWait() throws Exception {
        WarmUpGate gate = new WarmUpGate(1000);
        WarmUpGate.Turn first = gate.enter(100);
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            List<Future<WarmUpGate.Turn>> waiting = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                waiting.add(pool.submit(() -> gate.enter(100)));
            }
            Thread.sleep(200);
            waiting.forEach(w -> assertFalse(w.isDone(), "no task goes on before the warm-up toys"));
            first.ran(60);
            Thread.sleep(100);
            waiting.forEach(w -> assertFalse(w.isDone(), "60 of 100 toys"));
            first.ran(40);
            for (Future<WarmUpGate.Turn> w : waiting) {
                assertFalse(w.get(10, TimeUnit.SECONDS).held(), "after the warm-up toys the tasks pass an open gate");
            }
            assertTrue(gate.isOpen());
            assertFalse(gate.enter(100).held(), "the gate stays open: the JVM is warm");
            first.close();
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void theGateOpensOnceTheTasksHoldingTheTurnUsedTheCpuLimitWhateverTheirToys() throws Exception {
        WarmUpGate gate = new WarmUpGate(0.05);
        WarmUpGate.Turn first = gate.enter(1_000_000);
        first.ran(1);
        assertFalse(gate.isOpen(), "1 toy and (almost) no CPU");
        long start = System.nanoTime();
        double sink = 0;
        while (System.nanoTime() - start < 2_000_000_000L && !gate.isOpen()) {
            for (int i = 0; i < 100_000; i++) { // a toy of about a millisecond
                sink += Math.sqrt(i + sink);
            }
            first.ran(1);
        }
        assertTrue(gate.isOpen(), "50 ms of the holder's CPU: the gate opens (" + sink + ")");
        assertFalse(gate.enter(1_000_000).held());
        first.close();
    }

    @Test
    void noWarmUpToysMeansNoWaiting() throws Exception {
        WarmUpGate gate = new WarmUpGate(1000);
        WarmUpGate.Turn first = gate.enter(1000);
        assertFalse(gate.enter(0).held(), "warm-up 0: a task passes while another holds the turn");
        first.close();
    }

    /** Many tasks against a gate that never opens: never two at once, and every one of them gets its turn. */
    @Test
    void whileClosedNoTwoTasksRunAtOnceAndNoneIsLeftWaiting() throws Exception {
        WarmUpGate gate = new WarmUpGate(1000);
        AtomicInteger running = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        AtomicInteger done = new AtomicInteger();
        int tasks = 16;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            for (int i = 0; i < tasks; i++) {
                pool.submit(() -> {
                    start.await();
                    try (WarmUpGate.Turn turn = gate.enter(Long.MAX_VALUE)) {
                        most.accumulateAndGet(running.incrementAndGet(), Math::max);
                        Thread.sleep(5);
                        turn.ran(1);
                        running.decrementAndGet();
                    }
                    done.incrementAndGet();
                    return null;
                });
            }
            start.countDown();
            pool.shutdown();
            assertTrue(pool.awaitTermination(30, TimeUnit.SECONDS), "a task was left waiting at the gate");
        } finally {
            pool.shutdownNow();
        }
        assertEquals(tasks, done.get());
        assertEquals(1, most.get(), "two tasks ran at once while the gate was closed");
        assertFalse(gate.isOpen());
    }
}
