package org.modelcollapse.simd;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AffineKernelsTest {
    private static final long SEED = 2718L;

    /** z with NaN padding, a random lower-triangular L (transposed, NaN padding) and mu. */
    private record Case(double[] z, double[] lt, double[] mu, int stride) {
        static Case of(int rows, int dim, long seed) {
            final SplittableRandom random = new SplittableRandom(seed);
            final int stride = MomentKernels.stride(dim);
            final double[] z = new double[rows * stride];
            for (int i = 0; i < z.length; i++) {
                z[i] = i % stride < dim ? random.nextGaussian() : Double.NaN;
            }
            final double[] lt = new double[dim * stride];
            for (int s = 0; s < dim; s++) {
                for (int r = 0; r < stride; r++) {
                    lt[s * stride + r] = r >= dim ? Double.NaN : r < s ? 0 : random.nextGaussian();
                }
            }
            final double[] mu = new double[stride];
            for (int r = 0; r < dim; r++) {
                mu[r] = 10 * random.nextGaussian();
            }
            return new Case(z, lt, mu, stride);
        }
    }

    @ParameterizedTest(name = "rows={0}, dim={1}")
    @CsvSource({"0, 2", "1, 1", "3, 5", "4, 8", "5, 9", "7, 16", "9, 17", "8, 31", "8, 32", "13, 33", "6, 40", "21, 128", "3, 130"})
    void vectorMatchesScalarAndExactSums(int rows, int dim) {
        final long seed = SEED + 1000L * rows + dim;
        final Case c = Case.of(rows, dim, seed);
        final double[] xv = new double[rows * c.stride()];
        final double[] xs = new double[rows * c.stride()];
        VectorAffineKernels.INSTANCE.apply(c.z(), rows, dim, c.stride(), c.lt(), c.mu(), xv);
        ScalarAffineKernels.INSTANCE.apply(c.z(), rows, dim, c.stride(), c.lt(), c.mu(), xs);
        for (int i = 0; i < rows; i++) {
            for (int r = 0; r < dim; r++) {
                final int at = i * c.stride() + r;
                assertEquals(xs[at], xv[at], 0, "x[" + i + "][" + r + "] (seed " + seed + ")");
                // Exact value; r + 2 roundings, each within u of a partial sum bounded by the sum of |terms|.
                BigDecimal exact = new BigDecimal(c.mu()[r]);
                double abs = Math.abs(c.mu()[r]);
                for (int s = 0; s <= r; s++) {
                    final double a = c.z()[i * c.stride() + s];
                    final double b = c.lt()[s * c.stride() + r];
                    exact = exact.add(new BigDecimal(a).multiply(new BigDecimal(b)));
                    abs += Math.abs(a * b);
                }
                assertEquals(exact.doubleValue(), xs[at], (r + 3) * 0x1.0p-53 * abs, "exact x[" + i + "][" + r + "]");
            }
        }
    }
}
