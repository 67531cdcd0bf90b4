package org.modelcollapse.simd;

import org.apache.commons.rng.simple.RandomSource;

/** Runs {@link ScalarNormalKernels} until the Vector API kernel is compiled ({@link WarmUp}), then that kernel. */
final class WarmingNormalKernels implements NormalKernels {
    private static final int WARM_SIZE = 64;
    /** A compiled 64-value fill takes ~60 ns; the boxing tiers take tens of microseconds. */
    private static final long FAST_NANOS = 2_000;

    private final NormalKernels target;
    private final WarmUp warmUp;

    WarmingNormalKernels(NormalKernels target) {
        this.target = target;
        // The replicates' generator class, as in WarmingUniformKernels.
        final LxmLanes lanes = LxmLanes.of(RandomSource.L64_X128_MIX.create(0L));
        final double[] out = new double[WARM_SIZE];
        this.warmUp = new WarmUp("normal", () -> target.fillStandardNormals(lanes, out, out.length), FAST_NANOS);
    }

    /** @return true once calls go to the Vector API kernel */
    boolean ready() {
        return warmUp.ready();
    }

    @Override
    public void fillStandardNormals(LxmLanes lanes, double[] out, int n) {
        (warmUp.ready() ? target : ScalarNormalKernels.INSTANCE).fillStandardNormals(lanes, out, n);
    }

    @Override
    public String name() {
        return target.name();
    }
}
