package org.nsbi.stats.likelihood;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Independent tasks on one NLL (e.g. the conditional fits of a scan), run in lockstep when the NLL's events are
 * summed by parts that {@link SummedNll.Parts#batches() batch} (a distributed data set, where every evaluation is a
 * Spark job): each task runs in a thread of its own on a view of the NLL, and whenever every unfinished task waits
 * for an evaluation, the waiting requests go to the parts as one batch ({@link SummedNll.Parts#answer}). A round of
 * all fits' Newton steps thus costs one job, not one job per fit.
 *
 * <p>A task's evaluations depend only on its own earlier answers, and every answer is what the parts give for that
 * request alone, so each task's result is the same as when the tasks run one after another on the NLL itself, which
 * is what happens for any other NLL. A task must not wait for another task.
 */
public final class Lockstep {

    private Lockstep() {
    }

    /**
     * The results of {@code tasks}, in their order, each applied to {@code nll} or a view of it. If tasks throw, the
     * exception of the first of them (in task order) is thrown after every task has ended.
     */
    public static <T> List<T> map(Nll nll, List<? extends Function<Nll, T>> tasks) {
        if (tasks.size() < 2 || !(nll instanceof SummedNll summed) || !summed.parts().batches()) {
            List<T> out = new ArrayList<>(tasks.size());
            for (Function<Nll, T> task : tasks) {
                out.add(task.apply(nll));
            }
            return out;
        }
        Batch batch = new Batch(summed.parts(), tasks.size());
        List<T> results = new ArrayList<>(tasks.size());
        RuntimeException[] thrown = new RuntimeException[tasks.size()];
        Error[] errors = new Error[tasks.size()];
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < tasks.size(); i++) {
            results.add(null);
            int index = i;
            Function<Nll, T> task = tasks.get(i);
            SummedNll view = summed.withParts(batch);
            Thread t = new Thread(() -> {
                try {
                    results.set(index, task.apply(view));
                } catch (RuntimeException e) {
                    thrown[index] = e;
                } catch (Error e) {
                    errors[index] = e;
                } finally {
                    batch.leave();
                }
            }, "lockstep-" + i);
            t.setDaemon(true);
            threads.add(t);
        }
        // each thread sets its own element of the results; join orders those writes before the reads below
        threads.forEach(Thread::start);
        for (Thread t : threads) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the lockstep tasks", e);
            }
        }
        for (int i = 0; i < tasks.size(); i++) {
            if (errors[i] != null) {
                throw errors[i];
            }
            if (thrown[i] != null) {
                throw thrown[i];
            }
        }
        return results;
    }

    /**
     * The parts as the tasks' views see them: a request waits until every unfinished task waits for one, then the
     * last one to ask (or to leave) sends all of them as one batch.
     */
    private static final class Batch implements SummedNll.Parts {

        private final SummedNll.Parts parts;
        private final List<Slot> pending = new ArrayList<>();
        private int active;

        Batch(SummedNll.Parts parts, int tasks) {
            this.parts = parts;
            this.active = tasks;
        }

        @Override
        public EventTerms evaluate(double[] theta, boolean withGradient, boolean withHessian) {
            return ask(SummedNll.Request.evaluation(theta, withGradient, withHessian)).terms();
        }

        @Override
        public double[] scan(double[] alpha, double[] mus) {
            return ask(SummedNll.Request.scan(alpha, mus)).values();
        }

        private synchronized SummedNll.Answer ask(SummedNll.Request request) {
            Slot slot = new Slot(request);
            pending.add(slot);
            if (pending.size() == active) {
                send();
            }
            while (!slot.done) {
                try {
                    wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while waiting for a batch of evaluations", e);
                }
            }
            if (slot.failure != null) {
                throw new IllegalStateException("a batch of " + slot.batchSize + " evaluations failed: "
                        + slot.failure.getMessage(), slot.failure);
            }
            return slot.answer;
        }

        /** A task has ended: the others no longer wait for it. */
        synchronized void leave() {
            active--;
            if (active > 0 && pending.size() == active) {
                send();
            }
        }

        /** Answers every pending request in one batch (the caller holds the lock; every other task waits). */
        private void send() {
            List<Slot> batch = new ArrayList<>(pending);
            pending.clear();
            List<SummedNll.Request> requests = new ArrayList<>(batch.size());
            for (Slot s : batch) {
                requests.add(s.request);
            }
            try {
                List<SummedNll.Answer> answers = parts.answer(requests);
                for (int i = 0; i < batch.size(); i++) {
                    batch.get(i).answer = answers.get(i);
                }
            } catch (RuntimeException | Error e) {
                for (Slot s : batch) {
                    s.failure = e;
                }
            }
            for (Slot s : batch) {
                s.batchSize = batch.size();
                s.done = true;
            }
            notifyAll();
        }
    }

    private static final class Slot {
        final SummedNll.Request request;
        SummedNll.Answer answer;
        Throwable failure;
        int batchSize;
        boolean done;

        Slot(SummedNll.Request request) {
            this.request = request;
        }
    }
}
