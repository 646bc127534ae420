package org.nsbi.model.neyman;

import java.lang.management.ManagementFactory;

/**
 * Lets the toy tasks of a cold JVM run one at a time until its first toys are done, so that the JIT compilers get the
 * cores the other task threads would take. On a machine where a second task thread would take a core from the JIT
 * compilers (the available processors are at most the compiler threads plus one), each task thread running the toys
 * before the JIT has compiled the kernel runs code that is interpreted or compiled without profile (the Vector API's
 * fallback allocates boxed vectors), at several times the warm cost, and slows the compilers down that would end it:
 * measured with {@code bench/neyman-command-scaling.sh}, two such threads cost about a second of CPU more than one.
 *
 * <p>Scheduling only: which thread runs a block, and when, never changes a toy (each toy's random stream is keyed by
 * the run seed, &mu; and the toy's index). The gate is one per JVM ({@link #ofThisJvm}): a JVM warms up once. It opens
 * for good once {@code warmUpToys} toys have been counted through it, and a task waiting at it goes on as soon as it
 * opens, or as soon as the task holding the turn ends.
 */
public final class WarmUpGate {

    private static final WarmUpGate THIS_JVM = new WarmUpGate();

    private long toys;
    private boolean held;
    private volatile boolean open;

    /** A gate of its own (for tests); the tasks use {@link #ofThisJvm}. */
    public WarmUpGate() {
    }

    /** The gate of this JVM. */
    public static WarmUpGate ofThisJvm() {
        return THIS_JVM;
    }

    /**
     * Whether the toy tasks of {@code taskThreads} task threads should pass a gate on a machine with {@code processors}
     * available processors and {@code compilerThreads} JIT compiler threads: only when a second task thread would take a
     * core from the compilers, i.e. there are at least two task threads and at most {@code compilerThreads + 1}
     * processors.
     */
    public static boolean worthIt(int taskThreads, int processors, int compilerThreads) {
        return taskThreads >= 2 && processors <= compilerThreads + 1;
    }

    /** {@link #worthIt} for this JVM: its available processors and the JIT's compiler threads (CICompilerCount). */
    public static boolean worthIt(int taskThreads) {
        return worthIt(taskThreads, Runtime.getRuntime().availableProcessors(), compilerThreads());
    }

    /** The JIT compiler threads of this JVM (HotSpot's CICompilerCount), 0 if it has no JIT or does not say. */
    static int compilerThreads() {
        if (ManagementFactory.getCompilationMXBean() == null) {
            return 0;
        }
        try {
            return Integer.parseInt(ManagementFactory.getPlatformMXBean(com.sun.management.HotSpotDiagnosticMXBean.class)
                    .getVMOption("CICompilerCount").getValue());
        } catch (RuntimeException e) { // not HotSpot
            return 0;
        }
    }

    /**
     * Waits until this task may run toys: at once if the gate is open or no other task holds the turn, else until one
     * of them is so.
     *
     * @param warmUpToys the toys after which the gate opens; 0 or less: it is open
     * @return the turn, which counts the toys the task ran and is closed when the task ends
     * @throws InterruptedException if the task is interrupted (killed) while it waits
     */
    public synchronized Turn enter(long warmUpToys) throws InterruptedException {
        if (warmUpToys <= 0) {
            return new Turn(false, warmUpToys);
        }
        while (!open && held) {
            wait();
        }
        if (open) {
            return new Turn(false, warmUpToys);
        }
        held = true;
        return new Turn(true, warmUpToys);
    }

    /** Whether the gate is open for good. */
    public boolean isOpen() {
        return open;
    }

    private synchronized void count(long ran, long warmUpToys) {
        toys += ran;
        if (!open && toys >= warmUpToys) {
            open = true;
            notifyAll();
        }
    }

    private synchronized void release() {
        held = false;
        notifyAll();
    }

    /** A task's passage through the gate. */
    public final class Turn implements AutoCloseable {

        private final boolean holds;
        private final long warmUpToys;

        private Turn(boolean holds, long warmUpToys) {
            this.holds = holds;
            this.warmUpToys = warmUpToys;
        }

        /** Whether this task held the gate's one turn (others waited for it). */
        public boolean held() {
            return holds;
        }

        /** Counts {@code toys} the task ran; the gate opens once it has counted the warm-up toys. */
        public void ran(long ranToys) {
            if (warmUpToys > 0 && !open) {
                count(ranToys, warmUpToys);
            }
        }

        /** Hands the turn on (if this task held it). */
        @Override
        public void close() {
            if (holds) {
                release();
            }
        }
    }
}
