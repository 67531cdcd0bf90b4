package org.modelcollapse.regression;

import org.modelcollapse.linalg.HouseholderQr;
import org.modelcollapse.simd.Kernels;
import org.modelcollapse.simd.ReflectionKernels;

/**
 * The least-squares refits of the samples mode, from the rows themselves (the reference the exact
 * statistics are tested against):
 * <ul>
 *   <li>OLS and ridge by Householder QR of the augmented matrix [X y] (with sqrt(lambda) I rows
 *   appended for ridge): its R factor holds R_X and Q^T y, and R_X w = Q^T y (Golub and Van Loan,
 *   Matrix Computations, 4th ed., §5.2.2 and §5.3.3), accurate to u cond(X) rather than u cond(X)^2;</li>
 *   <li>the minimum-norm solution X^+ y for fewer rows than features by the semi-normal equations:
 *   R from the QR of X^T gives X X^T = R^T R, then w = X^T (X X^T)^-1 y (Björck, Numerical Methods
 *   for Least Squares Problems, §2.7).</li>
 * </ul>
 * A rank-deficient design (rows resampled into duplicates) gives a basic solution: a pivot below
 * {@link #RANK_TOLERANCE} of the largest sets its weight to 0. Buffers grow by doubling; allocation-free
 * afterwards.
 */
final class LeastSquares {
    /** Relative size below which a pivot of R counts as zero: far above rounding (about 1e-16 cond), far below any real pivot. */
    static final double RANK_TOLERANCE = 1e-12;

    private final int d;
    private final ReflectionKernels reflection = Kernels.reflection();
    private double[] work = new double[0];
    private double[] r = new double[0];
    private double[] u = new double[0];

    LeastSquares(int d) {
        this.d = d;
    }

    /**
     * @param rows n rows of d features and their label ({@link RegressionData} layout); unchanged
     * @param w Modified: the fitted weights
     */
    void solve(double[] rows, int n, double ridge, boolean minimumNorm, double[] w) {
        if (minimumNorm && n < d) {
            minimumNorm(rows, n, w);
        } else {
            augmented(rows, n, ridge, w);
        }
    }

    /**
     * Householder QR of the augmented matrix held by column (each column contiguous, so that every pass of a
     * reflection, {@link ReflectionKernels}, runs down one array: a generation of T = 1000, d = 10 took 211 us with scalar
     * passes against 537 us with the row-major {@link HouseholderQr}, RegressionStepBenchmark samples-fixed).
     */
    private void augmented(double[] rows, int n, double ridge, double[] w) {
        final int width = d + 1;
        final int m = ridge > 0 ? n + d : n;
        work = grown(work, m * width);
        r = grown(r, width * width);
        final double[] a = work;
        // By blocks of 8 rows, so that each column receives whole cache lines: row by row, the stores a column apart
        // made this copy 45% of an accumulate-subsample generation (T = 1000, d = 10).
        for (int first = 0; first < n; first += 8) {
            final int end = Math.min(n, first + 8);
            for (int c = 0; c < width; c++) {
                for (int i = first; i < end; i++) {
                    a[c * m + i] = rows[i * width + c];
                }
            }
        }
        if (ridge > 0) {
            final double root = Math.sqrt(ridge);
            for (int c = 0; c < width; c++) {
                java.util.Arrays.fill(a, c * m + n, c * m + m, 0);
                if (c < d) {
                    a[c * m + n + c] = root;
                }
            }
        }
        java.util.Arrays.fill(r, 0, width * width, 0);
        final int steps = Math.min(m, d);
        for (int j = 0; j < steps; j++) {
            final int column = j * m;
            final double norm = norm(a, column + j, column + m);
            if (norm == 0) {
                for (int c = j + 1; c < width; c++) {
                    r[j * width + c] = a[c * m + j];
                }
                continue;
            }
            final double pivot = a[column + j];
            final double alpha = pivot > 0 ? -norm : norm;
            // v = x_j - alpha e_j in place; H = I - 2 v v^T / (v^T v), v^T v = 2 norm (norm + |pivot|).
            a[column + j] = pivot - alpha;
            final double scale = 2 / (2 * norm * (norm + Math.abs(pivot)));
            for (int c = j + 1; c < width; c++) {
                final int other = c * m;
                final double f = scale * reflection.dot(a, column + j, a, other + j, m - j);
                reflection.subtractMultiple(a, column + j, f, a, other + j, m - j);
                r[j * width + c] = a[other + j];
            }
            r[j * width + j] = alpha;
        }
        final double floor = RANK_TOLERANCE * largestAbsPivot(r, d, width);
        for (int k = d - 1; k >= 0; k--) {
            double s = r[k * width + d];
            for (int j = k + 1; j < d; j++) {
                s -= r[k * width + j] * w[j];
            }
            final double pivot = r[k * width + k];
            w[k] = Math.abs(pivot) > floor ? s / pivot : 0;
        }
    }

    /** @return the Euclidean norm of a[from, to), scaled against overflow and underflow only when the plain sum needs it */
    private double norm(double[] a, int from, int to) {
        final double sum = reflection.dot(a, from, a, from, to - from);
        if (sum < Double.POSITIVE_INFINITY && sum > 0x1p-900) {
            return Math.sqrt(sum);
        }
        double largest = 0;
        for (int k = from; k < to; k++) {
            largest = Math.max(largest, Math.abs(a[k]));
        }
        if (largest == 0) {
            return 0;
        }
        double scaled = 0;
        for (int k = from; k < to; k++) {
            final double v = a[k] / largest;
            scaled += v * v;
        }
        return largest * Math.sqrt(scaled);
    }

    private void minimumNorm(double[] rows, int n, double[] w) {
        final int width = d + 1;
        work = grown(work, d * n);
        r = grown(r, n * n);
        u = grown(u, n);
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < d; k++) {
                work[k * n + i] = rows[i * width + k];
            }
        }
        HouseholderQr.factorR(work, d, n, n, n, r);
        final double floor = RANK_TOLERANCE * largestAbsPivot(r, n, n);
        // R^T v = y, then R u = v: u = (X X^T)^-1 y.
        for (int i = 0; i < n; i++) {
            double s = rows[i * width + d];
            for (int k = 0; k < i; k++) {
                s -= r[k * n + i] * u[k];
            }
            u[i] = r[i * n + i] > floor ? s / r[i * n + i] : 0;
        }
        for (int i = n - 1; i >= 0; i--) {
            double s = u[i];
            for (int k = i + 1; k < n; k++) {
                s -= r[i * n + k] * u[k];
            }
            u[i] = r[i * n + i] > floor ? s / r[i * n + i] : 0;
        }
        java.util.Arrays.fill(w, 0);
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < d; k++) {
                w[k] += u[i] * rows[i * width + k];
            }
        }
    }

    private static double largestAbsPivot(double[] r, int count, int stride) {
        double largest = 0;
        for (int k = 0; k < count; k++) {
            largest = Math.max(largest, Math.abs(r[k * stride + k]));
        }
        return largest;
    }

    private static double[] grown(double[] buffer, int size) {
        return buffer.length >= size ? buffer : new double[Math.max(size, 2 * buffer.length)];
    }
}
