package org.modelcollapse.simd;

/** Runs {@link ScalarMomentKernels} until the Vector API kernel is compiled ({@link WarmUp}), then that kernel. */
final class WarmingMomentKernels implements MomentKernels {
    private static final int WARM_ROWS = 16;
    private static final int WARM_DIM = 32;
    /** A compiled 16 x 32 block takes ~200 ns; the boxing tiers take tens of microseconds. */
    private static final long FAST_NANOS = 2_000;

    private final MomentKernels target;
    private final WarmUp warmUp;

    WarmingMomentKernels(MomentKernels target) {
        this.target = target;
        final double[] y = new double[WARM_ROWS * WARM_DIM];
        final double[] sum = new double[WARM_DIM];
        final double[] scatter = new double[WARM_DIM * WARM_DIM];
        this.warmUp = new WarmUp("moments", () -> target.accumulate(y, WARM_ROWS, WARM_DIM, WARM_DIM, sum, scatter), FAST_NANOS);
    }

    @Override
    public void accumulate(double[] y, int rows, int dim, int stride, double[] sum, double[] scatter) {
        (warmUp.ready() ? target : ScalarMomentKernels.INSTANCE).accumulate(y, rows, dim, stride, sum, scatter);
    }

    @Override
    public String name() {
        return target.name();
    }
}
