package org.modelcollapse.simd;

/**
 * Runs {@link ScalarMixtureKernels} until the Vector API kernel is compiled ({@link WarmUp}), then that kernel.
 * Measured on the paper's setting, 10 replicates of 20 generations, one thread: the workers took 0.57-0.74 s
 * with it and 0.67-0.96 s calling the Vector API kernels from the start (3 runs each).
 */
final class WarmingMixtureKernels implements MixtureKernels {
    private static final int WARM_POINTS = 64;
    private static final int WARM_DIM = 2;
    /** The compiled exercise (the four kernels on 64 points of two components in 2-D) takes 1.5-2 us here (median of 2000 calls); the boxing tiers far more. */
    private static final long FAST_NANOS = 3_000;

    private final MixtureKernels target;
    private final WarmUp warmUp;

    WarmingMixtureKernels(MixtureKernels target) {
        this.target = target;
        final double[] columns = new double[WARM_DIM * WARM_POINTS];
        final double[] factor = {1, 0.5, 0, 0, 0, 1, 0, 0};
        final double[] mean = new double[WARM_DIM];
        final double[] reciprocal = {1, 1};
        final double[] scratch = new double[2 * WARM_DIM * BLOCK];
        final double[] logs = new double[2 * WARM_POINTS];
        final double[] sums = new double[WARM_DIM + 1];
        final double[] totals = new double[2 * WARM_POINTS];
        final double[] scatter = new double[WARM_DIM * 4];
        for (int i = 0; i < columns.length; i++) {
            columns[i] = (i % 7) * 0.25 - 0.75;
        }
        this.warmUp = new WarmUp("mixture", () -> {
            target.logDensities(columns, WARM_POINTS, WARM_DIM, factor, 4, mean, reciprocal, -1.8, scratch, logs, 0);
            target.logDensities(columns, WARM_POINTS, WARM_DIM, factor, 4, sums, reciprocal, -2.0, scratch, logs, WARM_POINTS);
            target.normalise(logs, 2, WARM_POINTS, WARM_POINTS - 3, totals);
            target.logLikelihood(totals, WARM_POINTS);
            target.weightedSums(logs, 0, columns, WARM_POINTS, WARM_DIM, sums);
            target.weightedScatter(logs, 0, columns, WARM_POINTS, WARM_DIM, mean, false, scatter, 4);
        }, FAST_NANOS);
    }

    /** @return true once calls go to the Vector API kernel; the first call starts the warm-up */
    boolean ready() {
        return warmUp.ready();
    }

    @Override
    public void logDensities(double[] columns, int pitch, int dim, double[] factor, int stride, double[] mean, double[] reciprocal,
            double constant, double[] scratch, double[] out, int at) {
        (warmUp.ready() ? target : ScalarMixtureKernels.INSTANCE).logDensities(columns, pitch, dim, factor, stride, mean, reciprocal,
                constant, scratch, out, at);
    }

    @Override
    public void normalise(double[] logs, int rows, int pitch, int points, double[] totals) {
        (warmUp.ready() ? target : ScalarMixtureKernels.INSTANCE).normalise(logs, rows, pitch, points, totals);
    }

    @Override
    public double logLikelihood(double[] totals, int pitch) {
        return (warmUp.ready() ? target : ScalarMixtureKernels.INSTANCE).logLikelihood(totals, pitch);
    }

    @Override
    public void weightedSums(double[] weights, int at, double[] columns, int pitch, int dim, double[] out) {
        (warmUp.ready() ? target : ScalarMixtureKernels.INSTANCE).weightedSums(weights, at, columns, pitch, dim, out);
    }

    @Override
    public void weightedScatter(double[] weights, int at, double[] columns, int pitch, int dim, double[] mean, boolean diagonalOnly,
            double[] scatter, int stride) {
        (warmUp.ready() ? target : ScalarMixtureKernels.INSTANCE).weightedScatter(weights, at, columns, pitch, dim, mean, diagonalOnly,
                scatter, stride);
    }

    @Override
    public String name() {
        return target.name();
    }
}
