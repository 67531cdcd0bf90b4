package org.modelcollapse.gaussian;

import org.modelcollapse.linalg.Cholesky;
import org.modelcollapse.linalg.TriangularSingularValues;

/**
 * Measures a Gaussian model N(mu, U^T U) against the original N(mu_0, Sigma_0) (SPEC §5); allocation-free
 * after construction. The spectral metrics come from the singular values of the carried factor
 * ({@link TriangularSingularValues}): the eigenvalues of Sigma = U^T U are their squares, and the W2
 * trace term tr (Sigma_0^(1/2) Sigma Sigma_0^(1/2))^(1/2) is the nuclear norm of U F_0, for F_0 the
 * upper-triangular factor with Sigma_0 = F_0 F_0^T ((U F_0)^T (U F_0) = F_0^T Sigma F_0 is similar to
 * Sigma Sigma_0, hence to Sigma_0^(1/2) Sigma Sigma_0^(1/2)). No covariance is formed, so the smallest
 * eigenvalue keeps its relative accuracy however ill-conditioned Sigma has become.
 */
final class GaussianMetrics {
    private static final int MEAN_SQ_DISTANCE = GaussianMetric.MEAN_SQ_DISTANCE.index();
    private static final int TRACE = GaussianMetric.TRACE.index();
    private static final int LOG_DET = GaussianMetric.LOG_DET.index();
    private static final int MIN_EIGENVALUE = GaussianMetric.MIN_EIGENVALUE.index();
    private static final int MAX_EIGENVALUE = GaussianMetric.MAX_EIGENVALUE.index();
    private static final int W2_SQUARED = GaussianMetric.W2_SQUARED.index();
    private static final int RANK = GaussianMetric.RANK.index();

    private final int d;
    private final int stride;
    private final double[] mu0;
    private final double trace0;
    private final boolean standardStart;
    /** F_0, upper triangular with Sigma_0 = F_0 F_0^T; null for Sigma_0 = I. */
    private final double[] f0;
    /** U F_0. */
    private final double[] product;
    private final TriangularSingularValues singularValues;

    /**
     * @param mu0 the original mean (at least d values)
     * @param covariance0 Sigma_0, d x d row-major
     */
    GaussianMetrics(int d, int stride, double[] mu0, double[] covariance0) {
        this.d = d;
        this.stride = stride;
        this.mu0 = mu0.clone();
        double trace = 0;
        boolean identity = true;
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                identity &= covariance0[i * d + j] == (i == j ? 1 : 0);
            }
            trace += covariance0[i * d + i];
        }
        trace0 = trace;
        standardStart = identity;
        f0 = identity ? null : reversedFactor(covariance0, d, stride);
        product = new double[d * stride];
        singularValues = new TriangularSingularValues(d, stride);
    }

    /**
     * @return F, upper triangular with Sigma = F F^T (row stride {@code stride}): with J the reversal
     *     permutation and J Sigma J = C^T C its Cholesky factorisation, F = J C^T J
     */
    static double[] reversedFactor(double[] sigma, int d, int stride) {
        final double[] reversed = new double[d * stride];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                reversed[i * stride + j] = sigma[(d - 1 - i) * d + (d - 1 - j)];
            }
        }
        final double[] c = new double[d * stride];
        Cholesky.factorUpper(reversed, d, stride, d, c);
        final double[] f = new double[d * stride];
        for (int i = 0; i < d; i++) {
            for (int j = i; j < d; j++) {
                f[i * stride + j] = c[(d - 1 - j) * stride + (d - 1 - i)];
            }
        }
        return f;
    }

    /** @return tr(U^T U), the sum of squares of the upper factor's entries */
    static double trace(double[] upper, int d, int stride) {
        double t = 0;
        for (int i = 0; i < d; i++) {
            for (int j = i; j < d; j++) {
                final double v = upper[i * stride + j];
                t += v * v;
            }
        }
        return t;
    }

    /**
     * Writes ||mu - mu_0||^2, tr Sigma, ln det Sigma (-infinity when singular), the smallest and largest
     * eigenvalue of Sigma, the exact W2^2 to N(mu_0, Sigma_0) and the rank of
     * Sigma (its factor's non-zero diagonal entries: the chain's factors are triangular products whose
     * zero columns stay zero). W2^2 = ||mu - mu_0||^2 + tr Sigma + tr Sigma_0
     * - 2 tr (Sigma_0^(1/2) Sigma Sigma_0^(1/2))^(1/2), the last trace being the nuclear norm of U F_0.
     *
     * <p>The factor comes with a binary exponent e, Sigma = 4^e U^T U, and with the logs of its
     * diagonal in absolute scale, so that every metric is the correctly rounded value of the model's own,
     * however far beyond the range of doubles the covariance has gone: ln det Sigma = 2 sum ln u_ii and
     * the rank (the diagonal entries that are not zero) come from the logs, while trace and eigenvalues
     * round to 0 below about 1e-308 like any double.
     *
     * @param mu the model's mean, {@code d} values
     * @param u the model's upper factor up to 2^e (Sigma = 4^e U^T U), row stride {@code stride}
     * @param e the factor's binary exponent
     * @param logDiagonal ln of the factor's diagonal entries in absolute scale (-infinity for a zero)
     * @param spectral false to skip the singular values: the extreme eigenvalues and W2^2 are then NaN
     * @param metrics Modified: the values in {@link GaussianMetric} order
     */
    void measure(double[] mu, double[] u, int e, double[] logDiagonal, boolean spectral, double[] metrics) {
        double dist = 0;
        for (int r = 0; r < d; r++) {
            final double diff = mu[r] - mu0[r];
            dist += diff * diff;
        }
        double logDet = 0;
        int rank = 0;
        for (int i = 0; i < d; i++) {
            logDet += 2 * logDiagonal[i];
            rank += logDiagonal[i] > Double.NEGATIVE_INFINITY ? 1 : 0;
        }
        final double trace = Math.scalb(trace(u, d, stride), 2 * e);
        metrics[MEAN_SQ_DISTANCE] = dist;
        metrics[TRACE] = trace;
        metrics[LOG_DET] = logDet;
        metrics[RANK] = rank;
        if (!spectral) {
            metrics[MIN_EIGENVALUE] = Double.NaN;
            metrics[MAX_EIGENVALUE] = Double.NaN;
            metrics[W2_SQUARED] = Double.NaN;
            return;
        }
        final boolean converged = singularValues.compute(u);
        final double smallest = singularValues.smallest();
        final double largest = singularValues.largest();
        final double min = Math.scalb(smallest * smallest, 2 * e);
        final double max = Math.scalb(largest * largest, 2 * e);
        double rootSum = singularValues.sum();
        if (!standardStart && converged) {
            multiplyUpper(u, f0, product);
            singularValues.compute(product);
            rootSum = singularValues.sum();
        }
        rootSum = Math.scalb(rootSum, e);
        metrics[MIN_EIGENVALUE] = min;
        metrics[MAX_EIGENVALUE] = max;
        metrics[W2_SQUARED] = Math.max(0, dist + trace + trace0 - 2 * rootSum);
    }

    /** out = a b for upper-triangular a and b (row stride {@code stride}); entries below the diagonal of out are left as they are. */
    private void multiplyUpper(double[] a, double[] b, double[] out) {
        for (int i = 0; i < d; i++) {
            for (int j = i; j < d; j++) {
                double v = 0;
                for (int k = i; k <= j; k++) {
                    v = Math.fma(a[i * stride + k], b[k * stride + j], v);
                }
                out[i * stride + j] = v;
            }
        }
    }
}
