package org.modelcollapse.simd;

/** Runs {@link ScalarRotationKernels} until the Vector API kernel is compiled ({@link WarmUp}), then that kernel. */
final class WarmingRotationKernels implements RotationKernels {
    private static final int WARM_COLUMNS = 32;
    /** A compiled rotation of two 32-value rows takes ~20 ns; the boxing tiers take microseconds. */
    private static final long FAST_NANOS = 400;

    private final RotationKernels target;
    private final WarmUp warmUp;

    WarmingRotationKernels(RotationKernels target) {
        this.target = target;
        final double[] m = new double[2 * WARM_COLUMNS];
        final double[] partials = new double[2 * PARTIALS];
        java.util.Arrays.fill(m, 0.5);
        this.warmUp = new WarmUp("rotation", () -> {
            target.dot(m, 0, WARM_COLUMNS, 0, WARM_COLUMNS, partials, 0);
            target.rotate(m, 0, WARM_COLUMNS, 0, WARM_COLUMNS, 0.8, 0.6, partials, 0);
            target.axpy(m, 0, WARM_COLUMNS, 0, WARM_COLUMNS, -0.5);
        }, FAST_NANOS);
    }

    @Override
    public void dot(double[] m, int a, int b, int from, int to, double[] out, int at) {
        (warmUp.ready() ? target : ScalarRotationKernels.INSTANCE).dot(m, a, b, from, to, out, at);
    }

    @Override
    public void axpy(double[] m, int a, int b, int from, int to, double f) {
        (warmUp.ready() ? target : ScalarRotationKernels.INSTANCE).axpy(m, a, b, from, to, f);
    }

    @Override
    public void rotate(double[] m, int a, int b, int from, int to, double c, double s, double[] out, int at) {
        (warmUp.ready() ? target : ScalarRotationKernels.INSTANCE).rotate(m, a, b, from, to, c, s, out, at);
    }

    @Override
    public String name() {
        return target.name();
    }
}
