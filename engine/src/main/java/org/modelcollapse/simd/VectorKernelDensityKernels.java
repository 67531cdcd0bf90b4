package org.modelcollapse.simd;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector API implementation of {@link KernelDensityKernels}: centres across the lanes, a block of
 * {@value KernelDensityKernels#BLOCK} centres as a vector of four doubles whose lanes are the partial sums;
 * exp is {@link VectorMixtureKernels#exp}, {@link ExpLog#exp}'s operation sequence lane-wise. As in
 * {@link VectorMixtureKernels} (C2 lessons): the lane-wise maximum is a comparison and blend (C2 leaves
 * Java's max, with its NaN and signed-zero rules, a call), and the padding mask compares a vector of lane
 * indices (C2 leaves {@code indexInRange} a call, boxing the vectors).
 */
public final class VectorKernelDensityKernels implements KernelDensityKernels {
    /** The one instance. */
    public static final VectorKernelDensityKernels INSTANCE = new VectorKernelDensityKernels();

    private static final VectorSpecies<Double> QUARTER = DoubleVector.SPECIES_256;
    private static final int W = 4;
    private static final DoubleVector LANE_INDICES = DoubleVector.fromArray(QUARTER, new double[] {0, 1, 2, 3}, 0);

    private VectorKernelDensityKernels() {}

    /** @return true if this machine has vectors of four doubles */
    static boolean supported() {
        return VectorMixtureKernels.supported();
    }

    /** Two passes per point: the log-kernels into scratch with their running maximum, then the shifted exps' partial sums. */
    @Override
    public double logSumExpTotal(double[] centres, int pitch, int count, int dim, double scale, double[] points, int pointCount,
            double[] scratch) {
        // Made here, not a static final: a constant vector as a loop's initial value makes C2 box the loop's vector every block.
        final DoubleVector minusInfinity = DoubleVector.broadcast(QUARTER, Double.NEGATIVE_INFINITY);
        double total = 0;
        for (int k = 0; k < pointCount; k++) {
            DoubleVector max = minusInfinity;
            for (int i = 0; i < pitch; i += W) {
                DoubleVector q = DoubleVector.zero(QUARTER);
                for (int r = 0; r < dim; r++) {
                    final DoubleVector v = DoubleVector.broadcast(QUARTER, points[k * dim + r]).sub(DoubleVector.fromArray(QUARTER, centres, r * pitch + i));
                    q = v.fma(v, q);
                }
                final DoubleVector l = minusInfinity.blend(q.mul(scale), LANE_INDICES.add((double) i).lt((double) count));
                l.intoArray(scratch, i);
                max = max.blend(l, max.lt(l));
            }
            final double m = max(max);
            DoubleVector sum = DoubleVector.zero(QUARTER);
            for (int i = 0; i < pitch; i += W) {
                sum = sum.add(VectorMixtureKernels.exp(DoubleVector.fromArray(QUARTER, scratch, i).sub(m)));
            }
            total += m + ExpLog.log(MixtureKernels.combine(sum.lane(0), sum.lane(1), sum.lane(2), sum.lane(3)));
        }
        return total;
    }

    /** The largest lane, by comparisons (exact, so in any order). */
    private static double max(DoubleVector v) {
        final double a = v.lane(0) < v.lane(1) ? v.lane(1) : v.lane(0);
        final double b = v.lane(2) < v.lane(3) ? v.lane(3) : v.lane(2);
        return a < b ? b : a;
    }

    @Override
    public String name() {
        return "vector(" + QUARTER + ")";
    }
}
