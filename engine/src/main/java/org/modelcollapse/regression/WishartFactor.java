package org.modelcollapse.regression;

import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.modelcollapse.random.ChiSquareSampler;

/**
 * A lower-triangular factor F with F F^T ~ Wishart_d(n, Sigma), the Gram matrix X^T X of n rows
 * x ~ N(0, Sigma): F = L A with L L^T = Sigma and A the Bartlett factor (Bartlett 1933; Anderson, An
 * Introduction to Multivariate Statistical Analysis, 3rd ed., §7.2), A_ii^2 ~ chi^2_(n-i) and
 * A_ij ~ N(0, 1) below the diagonal, all independent. For n &lt; d the columns j &gt;= n of A are zero
 * (the singular Wishart of fewer rows than features: X^T = A Q with Q orthonormal rows). Since X^T eps
 * ~ N(0, X^T X) given X, F also draws the noise term of the least-squares statistics. Allocation-free.
 */
final class WishartFactor {
    private WishartFactor() {}

    /**
     * @param lowerSigma L, d x d row-major lower triangular, or null for Sigma = I
     * @param bartlett scratch, d x d
     * @param out Modified: F, d x d row-major lower triangular
     */
    static void draw(int n, int d, double[] lowerSigma, ChiSquareSampler chi, ZigguratSampler.NormalizedGaussian normal,
                     double[] bartlett, double[] out) {
        final double[] a = lowerSigma == null ? out : bartlett;
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                a[i * d + j] = j > i || j >= n ? 0 : j == i ? Math.sqrt(chi.sample(n - i)) : normal.sample();
            }
        }
        if (lowerSigma == null) {
            return;
        }
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                double s = 0;
                for (int k = j; k <= i; k++) {
                    s += lowerSigma[i * d + k] * a[k * d + j];
                }
                out[i * d + j] = j > i ? 0 : s;
            }
        }
    }
}
