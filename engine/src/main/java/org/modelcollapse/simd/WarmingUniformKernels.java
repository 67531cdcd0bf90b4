package org.modelcollapse.simd;

import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.commons.rng.simple.RandomSource;

/**
 * Runs the scalar twin until the Vector API kernels are compiled, then the Vector API kernels.
 *
 * <p>Until C2 compiles them, Vector API kernels run in the interpreter or C1, which box every
 * vector and are far slower than the scalar loop; in short runs (the 100-replicate paper-scale row
 * of results/THROUGHPUT.md) that warm-up was most of the run time. On first use, a daemon thread therefore exercises the Vector API
 * kernels on its own lanes (short fills, which reach the compiler's thresholds soonest) and
 * switches over once a fill of {@value #WARM_SIZE} values takes under {@value #FAST_NANOS} ns many
 * times in a row. Runs that never fill (small K in exact mode) never start it. The two
 * implementations produce bit-identical output, so when the switch happens changes no result.
 */
final class WarmingUniformKernels implements UniformKernels {
    private static final int WARM_SIZE = 64;
    /** A compiled 64-value fill takes ~30 ns; the boxing tiers take tens of microseconds. */
    private static final long FAST_NANOS = 1_000;
    private static final int FAST_IN_A_ROW = 100;
    private static final long GIVE_UP_NANOS = 5_000_000_000L;

    private final UniformKernels target;
    private final AtomicBoolean started = new AtomicBoolean();
    private volatile boolean ready;

    WarmingUniformKernels(UniformKernels target) {
        this.target = target;
    }

    /** @return the kernels to use now; starts the warm-up on the first call */
    private UniformKernels current() {
        if (ready) {
            return target;
        }
        if (!started.get() && started.compareAndSet(false, true)) {
            final Thread warmer = new Thread(this::warm, "collapse-simd-warm-up");
            warmer.setDaemon(true);
            warmer.start();
        }
        return ScalarUniformKernels.INSTANCE;
    }

    private void warm() {
        final LxmLanes lanes = LxmLanes.of(RandomSource.SPLIT_MIX_64.create(0L));
        final double[] doubles = new double[WARM_SIZE];
        final int[] indices = new int[WARM_SIZE];
        final long start = System.nanoTime();
        int fast = 0;
        while (fast < FAST_IN_A_ROW && System.nanoTime() - start < GIVE_UP_NANOS) {
            final long t0 = System.nanoTime();
            target.fillDoubles(lanes, doubles, doubles.length);
            target.fillIndices(lanes, indices, indices.length, 1000);
            fast = System.nanoTime() - t0 < FAST_NANOS ? fast + 1 : 0;
        }
        ready = true;
    }

    /** @return true once calls go to the Vector API kernels */
    boolean ready() {
        return ready;
    }

    @Override
    public void fillDoubles(LxmLanes lanes, double[] out, int n) {
        current().fillDoubles(lanes, out, n);
    }

    @Override
    public void fillIndices(LxmLanes lanes, int[] out, int n, int bound) {
        current().fillIndices(lanes, out, n, bound);
    }

    @Override
    public String name() {
        return target.name();
    }
}
