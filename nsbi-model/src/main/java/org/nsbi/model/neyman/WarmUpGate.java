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
 * for good once {@code warmUpToys} toys have been counted through it, or once the tasks that held the turn have used
 * {@link #WARM_UP_CPU_SECONDS} of CPU on their toys (so that a model whose toys cost far more than the off-shell
 * toy's is not held on one thread for long: the JIT's work on the kernel does not grow with the toys' size), and a
 * task waiting at it goes on as soon as it opens, or as soon as the task holding the turn ends.
 */
public final class WarmUpGate {

    /** The most CPU the tasks holding the turn use before the gate opens, whatever their toys. */
    public static final double WARM_UP_CPU_SECONDS = 3;

    private static final WarmUpGate THIS_JVM = new WarmUpGate(WARM_UP_CPU_SECONDS);
    private static final java.lang.management.ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private final long cpuLimitNanos;
    private long toys;
    private long cpuNanos;
    private boolean held;
    private volatile boolean open;

    /**
     * A gate of its own (for tests; the tasks use {@link #ofThisJvm}).
     *
     * @param cpuLimitSeconds the CPU the tasks holding the turn use before it opens
     */
    public WarmUpGate(double cpuLimitSeconds) {
        this.cpuLimitNanos = (long) (cpuLimitSeconds * 1e9);
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

    /** The CPU nanoseconds of the calling thread, 0 where the JVM does not measure them. */
    private static long threadCpu() {
        return THREADS.isCurrentThreadCpuTimeSupported() ? Math.max(0, THREADS.getCurrentThreadCpuTime()) : 0;
    }

    /** Whether the gate is open for good. */
    public boolean isOpen() {
        return open;
    }

    private synchronized void count(long ran, long cpu, long warmUpToys) {
        toys += ran;
        cpuNanos += cpu;
        if (!open && (toys >= warmUpToys || cpuNanos >= cpuLimitNanos)) {
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
        private long cpuSoFar;

        private Turn(boolean holds, long warmUpToys) {
            this.holds = holds;
            this.warmUpToys = warmUpToys;
            this.cpuSoFar = holds ? threadCpu() : 0;
        }

        /** Whether this task held the gate's one turn (others waited for it). */
        public boolean held() {
            return holds;
        }

        /**
         * Counts {@code toys} the task ran, and the CPU its thread used since it entered or last counted; the gate opens
         * once it has counted the warm-up toys or the CPU limit. Called on the task's own thread.
         */
        public void ran(long ranToys) {
            if (warmUpToys > 0 && !open) {
                long now = holds ? threadCpu() : 0;
                count(ranToys, now - cpuSoFar, warmUpToys);
                cpuSoFar = now;
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
