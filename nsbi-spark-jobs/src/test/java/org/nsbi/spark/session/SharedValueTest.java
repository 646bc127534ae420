package org.nsbi.spark.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.Test;
import org.nsbi.spark.SharedSpark;

class SharedValueTest {

    /** A value that refuses to be serialised: on a local master the tasks must get the object itself. */
    static final class Unserialisable implements Serializable {
        private static final long serialVersionUID = 1L;
        final int payload;

        Unserialisable(int payload) {
            this.payload = payload;
        }

        private void writeObject(ObjectOutputStream out) throws IOException {
            throw new IOException("serialised; a local master's tasks should have been handed the object itself");
        }
    }

    @Test
    void onALocalMasterTasksAreHandedTheObjectItselfWithoutSerialisingIt() {
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(SharedSpark.session().sparkContext());
        assertTrue(jsc.isLocal());
        Unserialisable value = new Unserialisable(42);
        int identity = System.identityHashCode(value);
        try (SharedValue<Unserialisable> shared = SharedValue.of(jsc, value)) {
            List<Integer> seen = jsc.parallelize(List.of(1, 2, 3, 4), 4)
                    .map(i -> System.identityHashCode(shared.get()) == identity ? shared.get().payload : -1).collect();
            assertEquals(List.of(42, 42, 42, 42), seen, "every task has the driver's object");
        }
    }

    @Test
    void aClosedValueIsGoneWithAClearMessage() {
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(SharedSpark.session().sparkContext());
        SharedValue<String> shared = SharedValue.of(jsc, "reference");
        assertEquals("reference", shared.get());
        shared.close();
        IllegalStateException e = assertThrows(IllegalStateException.class, shared::get);
        assertTrue(e.getMessage().contains("was closed"), e.getMessage());
    }
}
