package org.modelcollapse.kde;

import org.modelcollapse.linalg.Cholesky;
import org.modelcollapse.simd.MomentKernels;

/**
 * The original distribution p_0 of a KDE chain given as a Gaussian mixture sum_j w_j N(mu_j, Sigma_j):
 * validated, each covariance kept as its upper Cholesky factor U_j (Sigma_j = U_j^T U_j, rows of
 * {@link #stride}, the layout {@link org.modelcollapse.simd.AffineKernels} takes), with its exact density,
 * mean and covariance. Immutable once made.
 */
final class OriginalMixture {
    /** Largest |sum of weights - 1| accepted. */
    static final double WEIGHT_TOLERANCE = 1e-9;
    /** Relative asymmetry |a_ij - a_ji| / max|a| tolerated in a covariance. */
    static final double SYMMETRY_TOLERANCE = 1e-12;
    private static final double HALF_LN_2PI = 0.5 * Math.log(2 * Math.PI);

    final int k;
    final int d;
    final int stride;
    final double[] weights;
    /** mu_j, {@code stride} values (padding 0). */
    final double[][] means;
    /** U_j, d rows of {@code stride}. */
    final double[][] factors;
    /** ln w_j - d/2 ln 2 pi - sum_r ln (U_j)_rr. */
    private final double[] logConstants;

    private OriginalMixture(int d, double[] w, double[] mu, double[] sigma) {
        this.d = d;
        k = w.length;
        stride = MomentKernels.stride(d);
        weights = w.clone();
        means = new double[k][stride];
        factors = new double[k][d * stride];
        logConstants = new double[k];
        final double[] padded = new double[d * stride];
        for (int j = 0; j < k; j++) {
            System.arraycopy(mu, j * d, means[j], 0, d);
            for (int r = 0; r < d; r++) {
                System.arraycopy(sigma, j * d * d + r * d, padded, r * stride, d);
            }
            if (Cholesky.factorUpper(padded, d, stride, d, factors[j]) != d) {
                throw new IllegalArgumentException("original covariance " + (j + 1) + " must be positive definite");
            }
            double logDiagonal = 0;
            for (int r = 0; r < d; r++) {
                logDiagonal += Math.log(factors[j][r * stride + r]);
            }
            logConstants[j] = Math.log(w[j]) - d * HALF_LN_2PI - logDiagonal;
        }
    }

    /**
     * @param w weights, &gt;= 0, summing to 1
     * @param mu means, d per component, row-major
     * @param sigma covariances, d x d row-major per component, symmetric positive definite
     * @throws IllegalArgumentException naming the parameter, the value and what is allowed
     */
    static OriginalMixture of(int d, double[] w, double[] mu, double[] sigma) {
        final int k = w.length;
        if (k < 1 || mu.length != k * d || sigma.length != k * d * d) {
            throw new IllegalArgumentException("the original mixture needs, per component, a weight, d = " + d + " mean values and d x d "
                    + "covariance values: got " + k + " weights, " + mu.length + " mean values, " + sigma.length + " covariance values");
        }
        double total = 0;
        for (int j = 0; j < k; j++) {
            if (!(w[j] >= 0) || Double.isInfinite(w[j])) {
                throw new IllegalArgumentException("original weight " + (j + 1) + " must be finite and >= 0: " + w[j]);
            }
            total += w[j];
        }
        if (!(Math.abs(total - 1) <= WEIGHT_TOLERANCE)) {
            throw new IllegalArgumentException("original weights must sum to 1: they sum to " + total);
        }
        for (double v : mu) {
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException("original means must be finite: " + v);
            }
        }
        for (int j = 0; j < k; j++) {
            checkSymmetric(sigma, j, d);
        }
        return new OriginalMixture(d, w, mu, sigma);
    }

    private static void checkSymmetric(double[] sigma, int j, int d) {
        final int at = j * d * d;
        double max = 0;
        for (int i = 0; i < d * d; i++) {
            if (!Double.isFinite(sigma[at + i])) {
                throw new IllegalArgumentException("original covariance " + (j + 1) + " must be finite: " + sigma[at + i]);
            }
            max = Math.max(max, Math.abs(sigma[at + i]));
        }
        for (int r = 0; r < d; r++) {
            for (int s = 0; s < r; s++) {
                if (Math.abs(sigma[at + r * d + s] - sigma[at + s * d + r]) > SYMMETRY_TOLERANCE * max) {
                    throw new IllegalArgumentException("original covariance " + (j + 1) + " must be symmetric: entry (" + (r + 1) + ", "
                            + (s + 1) + ") is " + sigma[at + r * d + s] + ", entry (" + (s + 1) + ", " + (r + 1) + ") is " + sigma[at + s * d + r]);
                }
            }
        }
    }

    /**
     * ln p_0(x) by log-sum-exp over the components, each through forward substitution U_j^T y = x - mu_j.
     *
     * @param x {@code d} values from {@code at}
     * @param y Modified: d values of workspace
     */
    double logDensity(double[] x, int at, double[] y) {
        double max = Double.NEGATIVE_INFINITY;
        double sum = 0;
        for (int j = 0; j < k; j++) {
            if (weights[j] == 0) {
                continue;
            }
            double q = 0;
            for (int r = 0; r < d; r++) {
                double v = x[at + r] - means[j][r];
                for (int s = 0; s < r; s++) {
                    v -= factors[j][s * stride + r] * y[s];
                }
                v /= factors[j][r * stride + r];
                y[r] = v;
                q += v * v;
            }
            final double l = logConstants[j] - 0.5 * q;
            // A running log-sum-exp: rescale the sum when a larger term arrives.
            if (l > max) {
                sum = sum * Math.exp(max - l) + 1;
                max = l;
            } else {
                sum += Math.exp(l - max);
            }
        }
        return max + Math.log(sum);
    }

    /** @param out Modified: the mixture's mean sum_j w_j mu_j, d values */
    void mean(double[] out) {
        for (int r = 0; r < d; r++) {
            double m = 0;
            for (int j = 0; j < k; j++) {
                m += weights[j] * means[j][r];
            }
            out[r] = m;
        }
    }

    /** @return the mean of the diagonal of the mixture's covariance, sum_j w_j (Sigma_j + mu_j mu_j^T) - mu mu^T */
    double meanVariance() {
        double total = 0;
        for (int r = 0; r < d; r++) {
            double second = 0;
            double first = 0;
            for (int j = 0; j < k; j++) {
                double sigma = 0;
                for (int s = 0; s <= r; s++) {
                    sigma += factors[j][s * stride + r] * factors[j][s * stride + r];
                }
                second += weights[j] * (sigma + means[j][r] * means[j][r]);
                first += weights[j] * means[j][r];
            }
            total += second - first * first;
        }
        return total / d;
    }
}
