package org.modelcollapse.simd;

/** Runs {@link ScalarRotationKernels} until the Vector API kernel is compiled ({@link WarmUp}), then that kernel. */
final class WarmingRotationKernels implements RotationKernels {
    private static final int WARM_COLUMNS = 32;
    /** The compiled exercise (five kernels on 32-value rows) takes 100-150 ns here; the boxing tiers microseconds. */
    private static final long FAST_NANOS = 400;

    private final RotationKernels target;
    private final WarmUp warmUp;

    WarmingRotationKernels(RotationKernels target) {
        this.target = target;
        final double[] m = new double[2 * WARM_COLUMNS];
        final double[] partials = new double[2 * PARTIALS];
        final double[] coefficients = {-0.25};
        // The same values every call: repeated on its own output the exercise would drift into
        // subnormal numbers, whose arithmetic is slow enough that no call would ever count as fast.
        // v = (0.5, ..., 0.5) has |v|^2 = 8, so beta = 4 makes the reflection orthogonal.
        this.warmUp = new WarmUp("rotation", () -> {
            java.util.Arrays.fill(m, 0.5);
            target.dot(m, 0, WARM_COLUMNS, 0, WARM_COLUMNS, partials, 0);
            target.rotate(m, 0, WARM_COLUMNS, 0, WARM_COLUMNS, 0.8, 0.6, partials, 0);
            target.reflectRows(m, WARM_COLUMNS, 0, 1, WARM_COLUMNS, 0, WARM_COLUMNS, 4, partials);
            target.combineRows(m, WARM_COLUMNS, 0, 1, WARM_COLUMNS, 0, WARM_COLUMNS, coefficients);
            target.addToRows(m, WARM_COLUMNS, 0, 1, WARM_COLUMNS, 0, WARM_COLUMNS, coefficients);
        }, FAST_NANOS);
    }

    /** @return true once calls go to the Vector API kernel; the first call starts the warm-up */
    boolean ready() {
        return warmUp.ready();
    }

    @Override
    public void dot(double[] m, int a, int b, int from, int to, double[] out, int at) {
        (warmUp.ready() ? target : ScalarRotationKernels.INSTANCE).dot(m, a, b, from, to, out, at);
    }

    @Override
    public void combineRows(double[] m, int h, int first, int last, int stride, int from, int to, double[] c) {
        (warmUp.ready() ? target : ScalarRotationKernels.INSTANCE).combineRows(m, h, first, last, stride, from, to, c);
    }

    @Override
    public void addToRows(double[] m, int h, int first, int last, int stride, int from, int to, double[] g) {
        (warmUp.ready() ? target : ScalarRotationKernels.INSTANCE).addToRows(m, h, first, last, stride, from, to, g);
    }

    @Override
    public void reflectRows(double[] m, int h, int first, int last, int stride, int from, int to, double beta, double[] partials) {
        (warmUp.ready() ? target : ScalarRotationKernels.INSTANCE).reflectRows(m, h, first, last, stride, from, to, beta, partials);
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
