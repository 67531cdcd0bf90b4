package org.modelcollapse.simd;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Tells when a Vector API kernel is compiled, so that callers can run its scalar twin until then.
 *
 * <p>Until C2 compiles them, Vector API kernels run in the interpreter or C1, which box every
 * vector and are far slower than the scalar loop; in short runs (the 100-replicate paper-scale row
 * of results/THROUGHPUT.md) that warm-up was most of the run time. On the first {@link #ready()} call
 * a daemon thread repeats a short timed exercise of the kernel (short calls reach the compiler's
 * thresholds soonest) and reports ready once {@value #FAST_IN_A_ROW} calls in a row take under the
 * exercise's limit, or after {@value #GIVE_UP_NANOS} ns. Kernels and twins give bit-identical output,
 * so when the switch happens changes no result.
 */
final class WarmUp {
    private static final int FAST_IN_A_ROW = 100;
    private static final long GIVE_UP_NANOS = 5_000_000_000L;

    private final String name;
    private final Runnable exercise;
    private final long fastNanos;
    private final AtomicBoolean started = new AtomicBoolean();
    private volatile boolean ready;

    /**
     * @param exercise one short call of the Vector API kernel, on state of its own
     * @param fastNanos time under which a call counts as compiled
     */
    WarmUp(String name, Runnable exercise, long fastNanos) {
        this.name = name;
        this.exercise = exercise;
        this.fastNanos = fastNanos;
    }

    /** @return true once the kernel is compiled; starts the warm-up thread on the first call */
    boolean ready() {
        if (ready) {
            return true;
        }
        if (!started.get() && started.compareAndSet(false, true)) {
            final Thread warmer = new Thread(this::warm, "collapse-simd-warm-up-" + name);
            warmer.setDaemon(true);
            warmer.start();
        }
        return false;
    }

    private void warm() {
        final long start = System.nanoTime();
        int fast = 0;
        while (fast < FAST_IN_A_ROW && System.nanoTime() - start < GIVE_UP_NANOS) {
            final long t0 = System.nanoTime();
            exercise.run();
            fast = System.nanoTime() - t0 < fastNanos ? fast + 1 : 0;
        }
        ready = true;
    }
}
