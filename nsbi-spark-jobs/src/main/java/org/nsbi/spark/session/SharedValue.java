package org.nsbi.spark.session;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;

/**
 * A read-only value every task of a job needs (a model with its reference sample, say), shipped once per JVM. On a
 * cluster it is a Spark broadcast. On a local master the tasks run in the driver's JVM, so they are handed the
 * object itself, by a key: a broadcast would still serialise and compress the whole value into blocks and keep them
 * in memory beside it (for a reference sample of 10&#8310; events, 120 MB and about 0.2 s of CPU per run, measured
 * with {@code bench/pipeline-benchmark.sh}). Close it when the job is done.
 */
public abstract sealed class SharedValue<T> implements Serializable, AutoCloseable {

    private static final long serialVersionUID = 1L;

    /** Shares {@code value} with the tasks of {@code jsc}: the object itself on a local master, else a broadcast. */
    public static <T> SharedValue<T> of(JavaSparkContext jsc, T value) {
        return jsc.isLocal() ? InJvm.register(value) : new Broadcasted<>(jsc.broadcast(value));
    }

    /** The value, in a task or on the driver. */
    public abstract T get();

    /** Releases the value (the broadcast's blocks, or the local key); {@link #get} fails afterwards. */
    @Override
    public abstract void close();

    /** The value of a local master: tasks find it in this JVM by its key. */
    static final class InJvm<T> extends SharedValue<T> {

        private static final long serialVersionUID = 1L;
        private static final Map<Long, Object> VALUES = new ConcurrentHashMap<>();
        private static final AtomicLong KEYS = new AtomicLong();

        private final long key;

        private InJvm(long key) {
            this.key = key;
        }

        static <T> InJvm<T> register(T value) {
            long key = KEYS.incrementAndGet();
            VALUES.put(key, value);
            return new InJvm<>(key);
        }

        @Override
        @SuppressWarnings("unchecked")
        public T get() {
            Object v = VALUES.get(key);
            if (v == null) {
                throw new IllegalStateException("shared value " + key + " was closed, or this task runs in another JVM"
                        + " than the driver that shared it (only a local master shares values in the JVM)");
            }
            return (T) v;
        }

        @Override
        public void close() {
            VALUES.remove(key);
        }
    }

    /**
     * A broadcast, its value held strongly by each JVM that read it. Spark's executors keep broadcast values behind
     * weak references, so a value no task is using can be collected and read again by the next task (and what the
     * value built lazily, e.g. samplers, built again); measured here, that cost about 40 ms per task. The last two
     * values are held.
     */
    static final class Broadcasted<T> extends SharedValue<T> {

        private static final long serialVersionUID = 1L;
        private static final Map<Long, Object> HELD = new LinkedHashMap<>(4, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Long, Object> eldest) {
                return size() > 2;
            }
        };

        private final Broadcast<T> broadcast;

        Broadcasted(Broadcast<T> broadcast) {
            this.broadcast = broadcast;
        }

        @Override
        @SuppressWarnings("unchecked")
        public T get() {
            synchronized (HELD) {
                return (T) HELD.computeIfAbsent(broadcast.id(), id -> broadcast.value());
            }
        }

        @Override
        public void close() {
            synchronized (HELD) {
                HELD.remove(broadcast.id());
            }
            broadcast.destroy();
        }
    }
}
