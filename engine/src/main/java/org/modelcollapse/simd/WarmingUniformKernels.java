package org.modelcollapse.simd;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;

/**
 * Runs {@link ScalarUniformKernels} until the Vector API kernels are compiled ({@link WarmUp}), then
 * the Vector API kernels. The fills, the interval counts of 16-bit words and those of 32-bit words
 * each have a warm-up of their own, started by their first use: a run that only counts a small
 * population waits for one compilation, not three, and the C2 compiler, which a short run waits
 * for, compiles nothing that run does not use. Runs that never fill nor count (small K in exact
 * mode) start none.
 *
 * <p>The exercises draw from the class of generator that replicates use ({@code L64X128Mix}, see
 * {@code ReplicateStreams}): the kernels' compiled code follows the profile of the warm-up, and
 * when the warm-up drew from another class, that code hit traps and was compiled again as soon as
 * a run began.
 */
final class WarmingUniformKernels implements UniformKernels {
    private static final int WARM_SIZE = 64;
    /** A compiled 64-value fill or count takes ~30-40 ns; the boxing tiers take tens of microseconds. */
    private static final long FAST_NANOS = 1_000;

    /** Interval ends of the count warm-ups: T up to 256 takes 16-bit words, larger T 32-bit words. */
    private static final int[] SHORT_ENDS = {30, 70, 100};
    private static final int[] WIDE_ENDS = {300, 700, 1000};

    private final UniformKernels target;
    private final WarmUp fills;
    private final WarmUp shortCounts;
    private final WarmUp wideCounts;

    WarmingUniformKernels(UniformKernels target) {
        this.target = target;
        final LxmLanes fillLanes = LxmLanes.of(RandomSource.L64_X128_MIX.create(0L));
        final double[] doubles = new double[WARM_SIZE];
        final int[] indices = new int[WARM_SIZE];
        this.fills = new WarmUp("uniform-fill", () -> {
            target.fillDoubles(fillLanes, doubles, doubles.length);
            target.fillIndices(fillLanes, indices, indices.length, 1000);
        }, FAST_NANOS);
        this.shortCounts = countWarmUp("uniform-count-16", SHORT_ENDS, 1L);
        this.wideCounts = countWarmUp("uniform-count-32", WIDE_ENDS, 2L);
    }

    private WarmUp countWarmUp(String name, int[] ends, long seed) {
        final LxmLanes lanes = LxmLanes.of(RandomSource.L64_X128_MIX.create(seed));
        final UniformRandomProvider fallback = RandomSource.L64_X128_MIX.create(seed + 100);
        final int[] tally = new int[ends.length];
        return new WarmUp(name, () -> target.countIntervals(lanes, fallback, WARM_SIZE, ends, ends.length, tally), FAST_NANOS);
    }

    /** @return true once every call goes to the Vector API kernels; starts every warm-up */
    boolean ready() {
        return fills.ready() & shortCounts.ready() & wideCounts.ready();
    }

    /** Starts the warm-up of the kernels most likely used for about {@code points} points (see {@link Kernels#startWarmUp}). */
    void startWarmUp(int points) {
        (points <= IntervalCounts.SHORT_TOTAL_MAX ? shortCounts : fills).ready();
    }

    @Override
    public void fillDoubles(LxmLanes lanes, double[] out, int n) {
        (fills.ready() ? target : ScalarUniformKernels.INSTANCE).fillDoubles(lanes, out, n);
    }

    @Override
    public void fillIndices(LxmLanes lanes, int[] out, int n, int bound) {
        (fills.ready() ? target : ScalarUniformKernels.INSTANCE).fillIndices(lanes, out, n, bound);
    }

    @Override
    public void countIntervals(LxmLanes lanes, UniformRandomProvider fallback, int n, int[] ends, int intervals, int[] out) {
        final WarmUp w = ends[intervals - 1] <= IntervalCounts.SHORT_TOTAL_MAX ? shortCounts : wideCounts;
        (w.ready() ? target : ScalarUniformKernels.INSTANCE).countIntervals(lanes, fallback, n, ends, intervals, out);
    }

    @Override
    public String name() {
        return target.name();
    }
}
