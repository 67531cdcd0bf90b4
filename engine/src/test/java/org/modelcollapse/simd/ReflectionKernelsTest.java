package org.modelcollapse.simd;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The reflection passes: Vector API = scalar twin bit for bit on awkward sizes and offsets, and both against the plain formulas. */
class ReflectionKernelsTest {
    private static final long SEED = 31L;

    private static double[] values(int n, SplittableRandom random) {
        final double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = random.nextDouble(-2, 2) * Math.scalb(1.0, random.nextInt(-20, 20));
        }
        return v;
    }

    @Test
    void vectorAndScalarAgreeBitForBit() {
        final SplittableRandom random = new SplittableRandom(SEED);
        final double[] a = values(2100, random);
        for (int n = 0; n <= 1001; n++) {
            for (int offset : new int[] {0, 1, 3, 7}) {
                final int x = offset;
                final int y = 1050 + 2 * offset;
                assertEquals(Double.doubleToRawLongBits(ScalarReflectionKernels.INSTANCE.dot(a, x, a, y, n)),
                        Double.doubleToRawLongBits(VectorReflectionKernels.INSTANCE.dot(a, x, a, y, n)), "dot n=" + n + " offset " + offset);
                final double[] one = a.clone();
                final double[] two = a.clone();
                ScalarReflectionKernels.INSTANCE.subtractMultiple(one, x, 0.3712, one, y, n);
                VectorReflectionKernels.INSTANCE.subtractMultiple(two, x, 0.3712, two, y, n);
                for (int i = 0; i < one.length; i++) {
                    assertEquals(Double.doubleToRawLongBits(one[i]), Double.doubleToRawLongBits(two[i]), "subtract n=" + n + " at " + i);
                }
            }
        }
    }

    /** The dot product against a sum in extended care (pairs summed by Math.fma into a compensated total): within n u sum |a b|. */
    @Test
    void dotIsTheDotProduct() {
        final SplittableRandom random = new SplittableRandom(SEED + 1);
        for (int n : new int[] {1, 7, 8, 9, 100, 1001}) {
            final double[] a = values(n, random);
            final double[] b = values(n, random);
            double sum = 0;
            double compensation = 0;
            double magnitude = 0;
            for (int i = 0; i < n; i++) {
                final double product = a[i] * b[i];
                final double error = Math.fma(a[i], b[i], -product);
                final double t = sum + product;
                compensation += (Math.abs(sum) >= Math.abs(product) ? (sum - t) + product : (product - t) + sum) + error;
                sum = t;
                magnitude += Math.abs(product);
            }
            final double exact = sum + compensation;
            // Each of n fused products and the additions of 8 partials rounds once: |error| <= (n + 3) u sum |a_i b_i|.
            final double bound = (n + 3) * Math.ulp(1.0) / 2 * magnitude;
            assertEquals(exact, ScalarReflectionKernels.INSTANCE.dot(a, 0, b, 0, n), bound, "n=" + n);
        }
    }

    @Test
    void subtractMultipleIsTheFormula() {
        final double[] x = {1, 2, 3, 4, 5};
        final double[] y = {10, 10, 10, 10, 10, 10};
        VectorReflectionKernels.INSTANCE.subtractMultiple(x, 0, 2, y, 1, 5);
        org.junit.jupiter.api.Assertions.assertArrayEquals(new double[] {10, 8, 6, 4, 2, 0}, y);
    }
}
