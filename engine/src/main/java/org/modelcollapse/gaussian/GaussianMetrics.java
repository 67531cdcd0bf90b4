package org.modelcollapse.gaussian;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.decomposition.eig.symm.SymmetricQrAlgorithm_DDRM;
import org.ejml.dense.row.decomposition.hessenberg.TridiagonalDecompositionHouseholder_DDRM;

/**
 * Measures a Gaussian model N(mu, U^T U) against the original N(mu_0, Sigma_0) (SPEC §5); allocation-free
 * after construction. Eigenvalues come from Householder tridiagonalisation and the implicit symmetric QR
 * algorithm, EJML's classes used directly because its {@code EigenDecomposition} allocates a
 * {@code Complex_F64} per value read.
 */
final class GaussianMetrics {
    private final int d;
    private final int stride;
    private final double[] mu0;
    private final double trace0;
    private final boolean standardStart;
    private final DMatrixRMaj sigma;
    private final DMatrixRMaj h;
    private final DMatrixRMaj u0Matrix;
    private final DMatrixRMaj uMatrix;
    private final TridiagonalDecompositionHouseholder_DDRM tridiagonal = new TridiagonalDecompositionHouseholder_DDRM();
    private final SymmetricQrAlgorithm_DDRM qr = new SymmetricQrAlgorithm_DDRM();
    private final double[] diagonal;
    private final double[] offDiagonal;
    private final double[] eigenvalues;

    /**
     * @param mu0 the original mean (at least d values)
     * @param u0 the original's upper factor, row stride {@code stride}
     * @param covariance0 Sigma_0, d x d row-major
     */
    GaussianMetrics(int d, int stride, double[] mu0, double[] u0, double[] covariance0) {
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
        sigma = new DMatrixRMaj(d, d);
        h = new DMatrixRMaj(d, d);
        uMatrix = new DMatrixRMaj(d, d);
        u0Matrix = new DMatrixRMaj(d, d);
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                u0Matrix.set(i, j, u0[i * stride + j]);
            }
        }
        diagonal = new double[d];
        offDiagonal = new double[d];
        eigenvalues = new double[d];
        qr.setFastEigenvalues(true);
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
     * eigenvalue of Sigma (rounding below 0 shown as 0), the exact W2^2 to N(mu_0, Sigma_0) and the rank of
     * Sigma (its factor's non-zero diagonal entries: the chain's factors are triangular products whose
     * zero columns stay zero). W2^2 = ||mu - mu_0||^2 + tr Sigma + tr Sigma_0
     * - 2 tr (Sigma_0^(1/2) Sigma Sigma_0^(1/2))^(1/2), the last trace being the sum of the square roots of
     * the eigenvalues of H^T H with H = U U_0^T (similar to Sigma_0^(1/2) Sigma Sigma_0^(1/2)).
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
     * @param metrics Modified: the values in {@link GaussianChain#METRICS} order
     */
    void measure(double[] mu, double[] u, int e, double[] logDiagonal, double[] metrics) {
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
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                uMatrix.set(i, j, u[i * stride + j]);
            }
        }
        CommonOps_DDRM.multInner(uMatrix, sigma);
        final boolean converged = eigenvalues(sigma);
        double min = Double.POSITIVE_INFINITY;
        double max = 0;
        double rootSum = 0;
        for (int i = 0; i < d; i++) {
            min = Math.min(min, Math.scalb(eigenvalues[i], 2 * e));
            max = Math.max(max, Math.scalb(eigenvalues[i], 2 * e));
            rootSum += Math.sqrt(eigenvalues[i]);
        }
        boolean rootsConverged = converged;
        if (!standardStart) {
            CommonOps_DDRM.multTransB(uMatrix, u0Matrix, h);
            CommonOps_DDRM.multInner(h, sigma);
            rootsConverged = eigenvalues(sigma);
            rootSum = 0;
            for (int i = 0; i < d; i++) {
                rootSum += Math.sqrt(eigenvalues[i]);
            }
        }
        if (!converged) {
            min = Double.NaN;
            max = Double.NaN;
        }
        rootSum = rootsConverged ? Math.scalb(rootSum, e) : Double.NaN;
        metrics[0] = dist;
        metrics[1] = trace;
        metrics[2] = logDet;
        metrics[3] = min;
        metrics[4] = max;
        metrics[5] = Math.max(0, dist + trace + trace0 - 2 * rootSum);
        metrics[6] = rank;
    }

    /**
     * Eigenvalues of a symmetric matrix into {@link #eigenvalues} (rounding below 0 shown as 0).
     *
     * @param symmetric destroyed
     * @return false if the QR iterations did not converge (never seen; the values are then NaN)
     */
    private boolean eigenvalues(DMatrixRMaj symmetric) {
        tridiagonal.decompose(symmetric);
        tridiagonal.getDiagonal(diagonal, offDiagonal);
        qr.setQ(null);
        final boolean converged = qr.process(d, diagonal, offDiagonal);
        for (int i = 0; i < d; i++) {
            eigenvalues[i] = converged ? Math.max(0, qr.getEigenvalue(i)) : Double.NaN;
        }
        return converged;
    }
}
