package org.modelcollapse.simd;

/** Plain-loop implementation of {@link KernelDensityKernels}: one centre at a time, the reference for the Vector API twin. */
public final class ScalarKernelDensityKernels implements KernelDensityKernels {
    /** The one instance. */
    public static final ScalarKernelDensityKernels INSTANCE = new ScalarKernelDensityKernels();

    private ScalarKernelDensityKernels() {}

    /** Padding centres are skipped: their +0 terms would leave the partial sums unchanged. */
    @Override
    public double logSumExpTotal(double[] centres, int pitch, int count, int dim, double scale, double[] points, int pointCount,
            double[] scratch) {
        final double cutoff = KernelDensityKernels.cutoff(count);
        double total = 0;
        for (int k = 0; k < pointCount; k++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < count; j++) {
                double q = 0;
                for (int r = 0; r < dim; r++) {
                    final double v = points[k * dim + r] - centres[r * pitch + j];
                    q = Math.fma(v, v, q);
                }
                final double l = q * scale;
                scratch[j] = l;
                max = max < l ? l : max;
            }
            final double floor = max - cutoff;
            final double sum = MixtureKernels.combine(expLane(scratch, count, max, floor, 0), expLane(scratch, count, max, floor, 1),
                    expLane(scratch, count, max, floor, 2), expLane(scratch, count, max, floor, 3));
            total += max + ExpLog.log(sum);
        }
        return total;
    }

    /** @return the partial sum of exp(l_j - max) over centres lane, lane + BLOCK, ..., leaving out the blocks wholly below floor */
    private static double expLane(double[] logs, int count, double max, double floor, int lane) {
        double partial = 0;
        for (int j = lane; j < count; j += BLOCK) {
            if (!farBlock(logs, count, j - lane, floor)) {
                partial += ExpLog.exp(logs[j] - max);
            }
        }
        return partial;
    }

    /** @return true if every real centre of the block from {@code first} has its l below floor */
    private static boolean farBlock(double[] logs, int count, int first, double floor) {
        for (int j = first; j < Math.min(count, first + BLOCK); j++) {
            if (!(logs[j] < floor)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String name() {
        return "scalar";
    }
}
