package org.modelcollapse.linalg;

/**
 * The R factor of the QR factorisation of a tall n x d matrix by Householder reflections (Golub and
 * Van Loan, Matrix Computations, 4th ed., §5.2): R^T R = X^T X without forming X^T X, so the factor of
 * a data set's scatter keeps the accuracy of the data (error ~ u cond(X), not u cond(X)^2). Row-major
 * with a row stride; destroys X; allocation-free.
 */
public final class HouseholderQr {
    private HouseholderQr() {}

    /**
     * @param x n x d, row stride {@code stride}; destroyed
     * @param rank rows of R kept; rows from {@code rank} on are set to zero
     * @param r Modified: d x d upper triangular with non-negative diagonal, row stride {@code stride}
     */
    public static void factorR(double[] x, int n, int d, int stride, int rank, double[] r) {
        final int steps = Math.min(n, d);
        for (int j = 0; j < steps; j++) {
            double scale = 0;
            for (int i = j; i < n; i++) {
                scale = Math.max(scale, Math.abs(x[i * stride + j]));
            }
            if (scale == 0) {
                continue;
            }
            double squares = 0;
            for (int i = j; i < n; i++) {
                final double v = x[i * stride + j] / scale;
                squares += v * v;
            }
            final double norm = scale * Math.sqrt(squares);
            final double pivot = x[j * stride + j];
            final double alpha = pivot > 0 ? -norm : norm;
            // v = x_j - alpha e_j, stored in place; H = I - 2 v v^T / (v^T v), v^T v = 2 norm (norm + |pivot|).
            x[j * stride + j] = pivot - alpha;
            final double vtv = 2 * norm * (norm + Math.abs(pivot));
            for (int k = j + 1; k < d; k++) {
                double dot = 0;
                for (int i = j; i < n; i++) {
                    dot += x[i * stride + j] * x[i * stride + k];
                }
                final double f = 2 * dot / vtv;
                for (int i = j; i < n; i++) {
                    x[i * stride + k] -= f * x[i * stride + j];
                }
            }
            x[j * stride + j] = alpha;
        }
        for (int i = 0; i < d; i++) {
            final double sign = i < steps && x[i * stride + i] < 0 ? -1 : 1;
            for (int k = 0; k < d; k++) {
                r[i * stride + k] = i >= rank || i >= steps || k < i ? 0 : sign * x[i * stride + k];
            }
        }
    }
}
