package org.modelcollapse.gmm;

import org.modelcollapse.linalg.Cholesky;
import org.modelcollapse.simd.MomentKernels;

/**
 * A Gaussian mixture sum_j w_j N(mu_j, Sigma_j), each covariance kept as its upper Cholesky factor
 * U_j (Sigma_j = U_j^T U_j, row stride {@link #stride}), never inverted. A component is alive while its
 * weight is positive; a dead one (weight 0) is left out of every density and draw. Also records how the
 * fit that made it went: EM iterations, convergence, final lower bound.
 */
public final class Mixture {
    private static final double HALF_LN_2PI = 0.5 * Math.log(2 * Math.PI);

    final int k;
    final int d;
    final int stride;
    final double[] weights;
    /** mu_j, {@code stride} values (padding 0). */
    final double[][] means;
    /** U_j, d rows of {@code stride}. */
    final double[][] factors;
    /** ln of component j's density constant: -d/2 ln 2 pi - sum_r ln (U_j)_rr. */
    final double[] logNormaliser;
    int iterations;
    boolean converged;
    double lowerBound = Double.NEGATIVE_INFINITY;

    Mixture(int k, int d) {
        this.k = k;
        this.d = d;
        stride = MomentKernels.stride(d);
        weights = new double[k];
        means = new double[k][stride];
        factors = new double[k][d * stride];
        logNormaliser = new double[k];
    }

    /** Copies {@code other} (same k and d) into this mixture. */
    void copyFrom(Mixture other) {
        System.arraycopy(other.weights, 0, weights, 0, k);
        for (int j = 0; j < k; j++) {
            System.arraycopy(other.means[j], 0, means[j], 0, stride);
            System.arraycopy(other.factors[j], 0, factors[j], 0, factors[j].length);
        }
        System.arraycopy(other.logNormaliser, 0, logNormaliser, 0, k);
        iterations = other.iterations;
        converged = other.converged;
        lowerBound = other.lowerBound;
    }

    /**
     * Factorises component j's covariance into U_j and sets its density constant.
     *
     * @param covariance d x d, rows of {@link #stride}; only the upper triangle is read
     * @return false if it is not positive definite (U_j then has zero rows: the caller kills the component)
     */
    boolean factorCovariance(int j, double[] covariance) {
        final boolean definite = Cholesky.factorUpper(covariance, d, stride, d, factors[j]) == d;
        double logDiagonal = 0;
        for (int r = 0; r < d; r++) {
            logDiagonal += Math.log(factors[j][r * stride + r]);
        }
        logNormaliser[j] = -d * HALF_LN_2PI - logDiagonal;
        return definite;
    }

    /** @return true if the mixture is a single point: one component alive, of zero covariance (every component died in EM) */
    boolean pointMass() {
        return alive() == 1 && logNormaliser[firstAlive()] == Double.POSITIVE_INFINITY;
    }

    private int firstAlive() {
        for (int j = 0; j < k; j++) {
            if (weights[j] > 0) {
                return j;
            }
        }
        return -1;
    }

    /** @return the number of components with positive weight */
    public int alive() {
        int n = 0;
        for (double w : weights) {
            n += w > 0 ? 1 : 0;
        }
        return n;
    }

    /** @return entry (r, s) of Sigma_j, from U_j */
    double covariance(int j, int r, int s) {
        final double[] u = factors[j];
        double v = 0;
        for (int t = 0; t <= Math.min(r, s); t++) {
            v += u[t * stride + r] * u[t * stride + s];
        }
        return v;
    }

    /** @return tr Sigma_j */
    double trace(int j) {
        final double[] u = factors[j];
        double t = 0;
        for (int r = 0; r < d; r++) {
            for (int s = r; s < d; s++) {
                t += u[r * stride + s] * u[r * stride + s];
            }
        }
        return t;
    }

    /** @return ln det Sigma_j (-infinity for a singular one) */
    double logDet(int j) {
        return -2 * (logNormaliser[j] + d * HALF_LN_2PI);
    }

    /** @return the weights' entropy exponentiated: the effective number of components */
    double effectiveComponents() {
        double h = 0;
        for (double w : weights) {
            h -= w > 0 ? w * Math.log(w) : 0;
        }
        return Math.exp(h);
    }
}
