package org.modelcollapse.simd;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector API implementation of {@link KernelDensityKernels}: centres across the lanes, a block of
 * {@value KernelDensityKernels#BLOCK} centres as a vector of four doubles whose lanes are the partial sums;
 * exp is {@link VectorMixtureKernels#exp}, {@link ExpLog#exp}'s operation sequence lane-wise. As in
 * {@link VectorMixtureKernels} (C2 lessons): the lane-wise maximum is a comparison and blend (C2 leaves
 * Java's max, with its NaN and signed-zero rules, a call); the padding centres need no mask, being at +infinity.
 */
public final class VectorKernelDensityKernels implements KernelDensityKernels {
    /** The one instance. */
    public static final VectorKernelDensityKernels INSTANCE = new VectorKernelDensityKernels();

    private static final VectorSpecies<Double> QUARTER = DoubleVector.SPECIES_256;
    private static final int W = 4;

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
        final double cutoff = KernelDensityKernels.cutoff(count);
        double total = 0;
        for (int k = 0; k < pointCount; k++) {
            // By coordinate, so that each coordinate's broadcast stays out of the loop over centres (a generation of the chain
            // at d = 2, M = H = 1000 took 1.94 ms against 2.65 ms centre by centre): q into scratch, then the last
            // coordinate's pass makes l and the maximum. Each q is fma(v, v, q) from q = +0, as the interface says (v * v is
            // fma(v, v, +0)).
            for (int r = 0; r < dim - 1; r++) {
                final DoubleVector x = DoubleVector.broadcast(QUARTER, points[k * dim + r]);
                for (int i = 0; i < pitch; i += W) {
                    final DoubleVector v = x.sub(DoubleVector.fromArray(QUARTER, centres, r * pitch + i));
                    (r == 0 ? v.mul(v) : v.fma(v, DoubleVector.fromArray(QUARTER, scratch, i))).intoArray(scratch, i);
                }
            }
            final DoubleVector x = DoubleVector.broadcast(QUARTER, points[k * dim + dim - 1]);
            final int last = (dim - 1) * pitch;
            DoubleVector max = minusInfinity;
            for (int i = 0; i < pitch; i += W) {
                final DoubleVector v = x.sub(DoubleVector.fromArray(QUARTER, centres, last + i));
                final DoubleVector q = dim == 1 ? v.mul(v) : v.fma(v, DoubleVector.fromArray(QUARTER, scratch, i));
                // A padding centre, at +infinity, has q = +infinity and l = -infinity: no mask needed (2.65 ms a generation
                // against 3.49 ms with the mask's comparison and blend).
                final DoubleVector l = q.mul(scale);
                l.intoArray(scratch, i);
                max = max.blend(l, max.lt(l));
            }
            final double m = max(max);
            final double floor = m - cutoff;
            DoubleVector sum = DoubleVector.zero(QUARTER);
            for (int i = 0; i < pitch; i += W) {
                final DoubleVector l = DoubleVector.fromArray(QUARTER, scratch, i);
                if (l.compare(VectorOperators.GE, floor).anyTrue()) {
                    sum = sum.add(VectorMixtureKernels.exp(l.sub(m)));
                }
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
