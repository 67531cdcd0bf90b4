package org.modelcollapse.simd;

/** Runs {@link ScalarAffineKernels} until the Vector API kernel is compiled ({@link WarmUp}), then that kernel. */
final class WarmingAffineKernels implements AffineKernels {
    private static final int WARM_ROWS = 8;
    private static final int WARM_DIM = 32;
    /** A compiled 8 x 32 block takes ~100 ns; the boxing tiers take tens of microseconds. */
    private static final long FAST_NANOS = 2_000;

    private final AffineKernels target;
    private final WarmUp warmUp;

    WarmingAffineKernels(AffineKernels target) {
        this.target = target;
        final double[] z = new double[WARM_ROWS * WARM_DIM];
        final double[] lt = new double[WARM_DIM * WARM_DIM];
        final double[] mu = new double[WARM_DIM];
        final double[] x = new double[WARM_ROWS * WARM_DIM];
        this.warmUp = new WarmUp("affine", () -> target.apply(z, WARM_ROWS, WARM_DIM, WARM_DIM, lt, mu, x), FAST_NANOS);
    }

    /** @return true once calls go to the Vector API kernel; the first call starts the warm-up */
    boolean ready() {
        return warmUp.ready();
    }

    @Override
    public void apply(double[] z, int rows, int dim, int stride, double[] lt, double[] mu, double[] x) {
        (warmUp.ready() ? target : ScalarAffineKernels.INSTANCE).apply(z, rows, dim, stride, lt, mu, x);
    }

    @Override
    public String name() {
        return target.name();
    }
}
