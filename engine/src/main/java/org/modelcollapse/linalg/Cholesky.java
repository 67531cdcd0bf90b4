package org.modelcollapse.linalg;

/**
 * Cholesky factorisation A = L L^T of a symmetric positive (semi)definite matrix, written as the upper
 * factor U = L^T (the layout {@link org.modelcollapse.simd.AffineKernels} takes). Row-major with a
 * row stride; only the upper triangle of A is read. Allocation-free.
 */
public final class Cholesky {
    private Cholesky() {}

    /**
     * Factorises A into U (upper triangular, U^T U = A) for its first {@code rank} pivots; rows from
     * {@code rank} on, and any row whose pivot is not positive, are set to zero (L = U^T then has zero
     * columns there). With {@code rank = dim} a positive definite A gives its full factor; a smaller
     * rank is how a scatter of fewer than dim + 1 points, singular by construction, is factorised (its
     * trailing pivots are rounding noise).
     *
     * @param a dim x dim, row stride {@code stride}; unchanged
     * @param u Modified: dim x dim, row stride {@code stride}; entries below the diagonal set to 0
     * @return the number of positive pivots among the first {@code rank}
     */
    public static int factorUpper(double[] a, int dim, int stride, int rank, double[] u) {
        int positive = 0;
        for (int i = 0; i < dim; i++) {
            for (int j = 0; j < i; j++) {
                u[i * stride + j] = 0;
            }
            double pivot = i < rank ? a[i * stride + i] : 0;
            for (int k = 0; k < i; k++) {
                pivot -= u[k * stride + i] * u[k * stride + i];
            }
            if (!(pivot > 0 && pivot < Double.POSITIVE_INFINITY) || i >= rank) {
                for (int j = i; j < dim; j++) {
                    u[i * stride + j] = 0;
                }
                continue;
            }
            positive++;
            final double d = Math.sqrt(pivot);
            u[i * stride + i] = d;
            final double inv = 1 / d;
            for (int j = i + 1; j < dim; j++) {
                double v = a[i * stride + j];
                for (int k = 0; k < i; k++) {
                    v -= u[k * stride + i] * u[k * stride + j];
                }
                u[i * stride + j] = v * inv;
            }
        }
        return positive;
    }
}
