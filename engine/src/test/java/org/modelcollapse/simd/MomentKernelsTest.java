package org.modelcollapse.simd;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MomentKernelsTest {
    private static final long SEED = 31337L;

    /** Points with a common offset (as data far from the origin), NaN in the row padding. */
    private static double[] points(int rows, int dim, int stride, long seed) {
        final SplittableRandom random = new SplittableRandom(seed);
        final double[] y = new double[rows * stride];
        for (int i = 0; i < rows; i++) {
            for (int s = 0; s < stride; s++) {
                y[i * stride + s] = s < dim ? 3 + random.nextGaussian() * (1 + s % 3) : Double.NaN;
            }
        }
        return y;
    }

    /** The Vector API kernel reproduces the scalar twin bit for bit, also when called twice (accumulating). */
    @ParameterizedTest(name = "rows={0}, dim={1}")
    @CsvSource({
        "0, 3", "1, 1", "1, 9", "2, 2", "63, 4", "64, 5", "65, 7", "130, 8", "200, 9", "100, 15", "100, 16",
        "100, 17", "70, 31", "70, 32", "70, 33", "50, 40", "129, 128", "20, 131",
    })
    void vectorMatchesScalar(int rows, int dim) {
        final int stride = MomentKernels.stride(dim);
        final double[] y = points(rows, dim, stride, SEED + rows * 1000L + dim);
        final double[] sumV = new double[dim];
        final double[] sumS = new double[dim];
        final double[] scatterV = new double[dim * stride];
        final double[] scatterS = new double[dim * stride];
        for (int call = 0; call < 2; call++) {
            VectorMomentKernels.INSTANCE.accumulate(y, rows, dim, stride, sumV, scatterV);
            ScalarMomentKernels.INSTANCE.accumulate(y, rows, dim, stride, sumS, scatterS);
            for (int s = 0; s < dim; s++) {
                assertEquals(sumS[s], sumV[s], 0, "sum " + s + " call " + call + " (seed " + SEED + ")");
            }
            for (int r = 0; r < dim; r++) {
                for (int s = 0; s < dim; s++) {
                    assertEquals(scatterS[r * stride + s], scatterV[r * stride + s], 0,
                            "scatter (" + r + ", " + s + ") call " + call + " (seed " + SEED + ")");
                }
            }
        }
    }

    /**
     * Against exact sums (BigDecimal): a chunked sum of M fused products has error at most
     * (M + M/CHUNK + 1) u sum_i |y_ir y_is| with u = 2^-53 (each fused step and each chunk's addition
     * rounds once, relative error u on a partial sum bounded by the sum of absolute terms).
     */
    @ParameterizedTest(name = "rows={0}, dim={1}")
    @CsvSource({"1, 3", "1000, 5", "3000, 33", "10000, 8"})
    void matchesExactSums(int rows, int dim) {
        final int stride = MomentKernels.stride(dim);
        final double[] y = points(rows, dim, stride, SEED + dim);
        final double[] sum = new double[dim];
        final double[] scatter = new double[dim * stride];
        Kernels.moments().accumulate(y, rows, dim, stride, sum, scatter);
        final double slack = (rows + rows / (double) MomentKernels.CHUNK + 1) * 0x1.0p-53;
        for (int r = 0; r < dim; r++) {
            BigDecimal exactSum = BigDecimal.ZERO;
            double absSum = 0;
            for (int i = 0; i < rows; i++) {
                exactSum = exactSum.add(new BigDecimal(y[i * stride + r]));
                absSum += Math.abs(y[i * stride + r]);
            }
            assertEquals(exactSum.doubleValue(), sum[r], slack * absSum, "sum " + r + " (seed " + SEED + ")");
            for (int s = 0; s < dim; s++) {
                BigDecimal exact = BigDecimal.ZERO;
                double abs = 0;
                for (int i = 0; i < rows; i++) {
                    final double a = y[i * stride + r];
                    final double b = y[i * stride + s];
                    exact = exact.add(new BigDecimal(a).multiply(new BigDecimal(b), MathContext.UNLIMITED));
                    abs += Math.abs(a * b);
                }
                assertEquals(exact.doubleValue(), scatter[r * stride + s], slack * abs,
                        "scatter (" + r + ", " + s + ") (seed " + SEED + ")");
            }
        }
    }
}
