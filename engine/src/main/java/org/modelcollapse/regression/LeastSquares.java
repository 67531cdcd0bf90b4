package org.modelcollapse.regression;

import org.modelcollapse.linalg.HouseholderQr;

/**
 * The least-squares refits of the samples mode, from the rows themselves (the reference the exact
 * statistics are tested against):
 * <ul>
 *   <li>OLS and ridge by Householder QR of the augmented matrix [X y] (with sqrt(lambda) I rows
 *   appended for ridge): its R factor holds R_X and Q^T y, and R_X w = Q^T y (Golub and Van Loan,
 *   Matrix Computations, 4th ed., §5.3.3), accurate to u cond(X) rather than u cond(X)^2;</li>
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

    private void augmented(double[] rows, int n, double ridge, double[] w) {
        final int width = d + 1;
        final int m = ridge > 0 ? n + d : n;
        work = grown(work, m * width);
        r = grown(r, width * width);
        System.arraycopy(rows, 0, work, 0, n * width);
        if (ridge > 0) {
            final double root = Math.sqrt(ridge);
            java.util.Arrays.fill(work, n * width, m * width, 0);
            for (int k = 0; k < d; k++) {
                work[(n + k) * width + k] = root;
            }
        }
        HouseholderQr.factorR(work, m, width, width, width, r);
        final double floor = RANK_TOLERANCE * largestPivot(r, d, width);
        for (int k = d - 1; k >= 0; k--) {
            double s = r[k * width + d];
            for (int j = k + 1; j < d; j++) {
                s -= r[k * width + j] * w[j];
            }
            final double pivot = r[k * width + k];
            w[k] = pivot > floor ? s / pivot : 0;
        }
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
        final double floor = RANK_TOLERANCE * largestPivot(r, n, n);
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

    private static double largestPivot(double[] r, int count, int stride) {
        double largest = 0;
        for (int k = 0; k < count; k++) {
            largest = Math.max(largest, r[k * stride + k]);
        }
        return largest;
    }

    private static double[] grown(double[] buffer, int size) {
        return buffer.length >= size ? buffer : new double[Math.max(size, 2 * buffer.length)];
    }
}
