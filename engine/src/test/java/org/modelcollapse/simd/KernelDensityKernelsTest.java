package org.modelcollapse.simd;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class KernelDensityKernelsTest {
    private static final long SEED = 271828L;
    private static final double EPS = Math.ulp(1.0);

    /** Centre counts around every block boundary and the vector widths, up to 1001, and 40 drawn at random in [1, 1001]. */
    private static int[] sizes() {
        final SplittableRandom random = new SplittableRandom(SEED);
        return IntStream.concat(IntStream.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 12, 13, 15, 16, 17, 25, 31, 32, 33, 63, 64, 65, 100, 127, 207,
                256, 999, 1000, 1001), IntStream.generate(() -> random.nextInt(1, 1002)).limit(40)).toArray();
    }

    /** Random centres and points by coordinate, padded with +infinity (the kernels' contract); every third case has points far from the centres (terms underflow). */
    private record Case(int n, int pitch, int dim, int count, double scale, double[] centres, double[] points) {
        static Case of(int n, int dim, int count, SplittableRandom random) {
            final int pitch = KernelDensityKernels.pitch(n);
            final double[] centres = new double[dim * pitch];
            java.util.Arrays.fill(centres, Double.POSITIVE_INFINITY);
            for (int r = 0; r < dim; r++) {
                for (int j = 0; j < n; j++) {
                    centres[r * pitch + j] = random.nextGaussian() * random.nextDouble(0.5, 3);
                }
            }
            final double spread = random.nextInt(3) == 0 ? 30 : 2;
            final double[] points = new double[count * dim];
            for (int i = 0; i < points.length; i++) {
                points[i] = random.nextGaussian() * spread;
            }
            final double h = random.nextDouble(0.05, 2);
            return new Case(n, pitch, dim, count, -1 / (2 * h * h), centres, points);
        }
    }

    /** The Vector API kernel equals its scalar twin to the bit on every size, d = 1..9, an odd number of points. */
    @Test
    void vectorEqualsScalarBitForBit() {
        final SplittableRandom random = new SplittableRandom(SEED + 1);
        for (int n : sizes()) {
            for (int d = 1; d <= 9; d++) {
                final Case c = Case.of(n, d, n > 500 ? 3 : 7, random);
                final double scalar = ScalarKernelDensityKernels.INSTANCE.logSumExpTotal(c.centres, c.pitch, n, d, c.scale, c.points, c.count,
                        new double[c.pitch]);
                final double vector = VectorKernelDensityKernels.INSTANCE.logSumExpTotal(c.centres, c.pitch, n, d, c.scale, c.points, c.count,
                        new double[c.pitch]);
                assertEquals(Double.doubleToRawLongBits(scalar), Double.doubleToRawLongBits(vector),
                        "n=" + n + ", d=" + d + ": scalar " + scalar + ", vector " + vector + " (seed " + (SEED + 1) + ")");
            }
        }
    }

    /**
     * Both against the textbook formula in StrictMath, per point, within a bound from the operations' errors: the
     * squared distances' relative error (d + 1) eps moves a term's exponent by |l| (d + 1) eps, which costs at most
     * (|m| + 1/e)(d + 1) eps of lse (a term far below the maximum weighs e^-(l - m)); exp's 2 ulps and the n - 1
     * additions give s a relative error (n + 2) eps; ln's 4 ulps add 4 eps |ln s|; the final addition eps |lse|.
     * Doubled for the oracle's own rounding, which is of the same kind.
     */
    @Test
    void bothMatchTheDirectFormula() {
        final SplittableRandom random = new SplittableRandom(SEED + 2);
        for (KernelDensityKernels kernels : new KernelDensityKernels[] {ScalarKernelDensityKernels.INSTANCE, VectorKernelDensityKernels.INSTANCE}) {
            for (int n : sizes()) {
                for (int d = 1; d <= 9; d += 2) {
                    final Case c = Case.of(n, d, 1, random);
                    final double got = kernels.logSumExpTotal(c.centres, c.pitch, n, d, c.scale, c.points, 1, new double[c.pitch]);
                    final double[] l = new double[n];
                    double m = Double.NEGATIVE_INFINITY;
                    for (int j = 0; j < n; j++) {
                        double q = 0;
                        for (int r = 0; r < d; r++) {
                            q += (c.points[r] - c.centres[r * c.pitch + j]) * (c.points[r] - c.centres[r * c.pitch + j]);
                        }
                        l[j] = q * c.scale;
                        m = Math.max(m, l[j]);
                    }
                    double s = 0;
                    for (int j = 0; j < n; j++) {
                        s += StrictMath.exp(l[j] - m);
                    }
                    final double expected = m + StrictMath.log(s);
                    final double bound = 2 * EPS * ((Math.abs(m) + 1) * (d + 1) + n + 2 + 4 * Math.abs(StrictMath.log(s)) + Math.abs(expected));
                    assertEquals(expected, got, bound, kernels.name() + " n=" + n + ", d=" + d + " (seed " + (SEED + 2) + ")");
                }
            }
        }
    }

    /** One centre at the point itself: lse = 0 exactly (l = -0, exp 0 = 1, ln 1 = 0). */
    @Test
    void aCentreAtThePointGivesZero() {
        final double inf = Double.POSITIVE_INFINITY;
        final double[] centres = {1.5, inf, inf, inf, -2, inf, inf, inf};
        final double[] point = {1.5, -2};
        for (KernelDensityKernels kernels : new KernelDensityKernels[] {ScalarKernelDensityKernels.INSTANCE, VectorKernelDensityKernels.INSTANCE}) {
            assertEquals(0.0, kernels.logSumExpTotal(centres, 4, 1, 2, -3.0, point, 1, new double[4]), 0, kernels.name());
        }
    }
}
