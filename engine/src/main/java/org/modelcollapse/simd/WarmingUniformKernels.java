package org.modelcollapse.simd;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;

/**
 * Runs {@link ScalarUniformKernels} until the Vector API kernels are compiled ({@link WarmUp}), then
 * the Vector API kernels. Runs that never fill (small K in exact mode) never start the warm-up.
 */
final class WarmingUniformKernels implements UniformKernels {
    private static final int WARM_SIZE = 64;
    /** A compiled 64-value fill takes ~30 ns; the boxing tiers take tens of microseconds. */
    private static final long FAST_NANOS = 1_000;

    /** Interval ends of the warm-up's {@link #countIntervals} calls. */
    private static final int[] ENDS = {30, 70, 100};

    private final UniformKernels target;
    private final WarmUp warmUp;

    WarmingUniformKernels(UniformKernels target) {
        this.target = target;
        final LxmLanes lanes = LxmLanes.of(RandomSource.SPLIT_MIX_64.create(0L));
        final double[] doubles = new double[WARM_SIZE];
        final int[] indices = new int[WARM_SIZE];
        final UniformRandomProvider fallback = RandomSource.SPLIT_MIX_64.create(1L);
        this.warmUp = new WarmUp("uniform", () -> {
            target.fillDoubles(lanes, doubles, doubles.length);
            target.fillIndices(lanes, indices, indices.length, 1000);
            target.countIntervals(lanes, fallback, indices.length, ENDS, ENDS.length, indices);
        }, FAST_NANOS);
    }

    /** @return true once calls go to the Vector API kernels */
    boolean ready() {
        return warmUp.ready();
    }

    @Override
    public void fillDoubles(LxmLanes lanes, double[] out, int n) {
        (warmUp.ready() ? target : ScalarUniformKernels.INSTANCE).fillDoubles(lanes, out, n);
    }

    @Override
    public void fillIndices(LxmLanes lanes, int[] out, int n, int bound) {
        (warmUp.ready() ? target : ScalarUniformKernels.INSTANCE).fillIndices(lanes, out, n, bound);
    }

    @Override
    public void countIntervals(LxmLanes lanes, UniformRandomProvider fallback, int n, int[] ends, int intervals, int[] out) {
        (warmUp.ready() ? target : ScalarUniformKernels.INSTANCE).countIntervals(lanes, fallback, n, ends, intervals, out);
    }

    @Override
    public String name() {
        return target.name();
    }
}
