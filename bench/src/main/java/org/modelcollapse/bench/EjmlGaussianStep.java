package org.modelcollapse.bench;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.CholeskyDecomposition_F64;

/**
 * One generation of the Gaussian chain as a competent EJML user writes it: Cholesky of the estimated
 * covariance, M standard normals (Commons RNG ziggurat), X = Z L^T + 1 mu^T, column means, centring
 * and {@code multInner}, divided by M - 1. Buffers are reused. Re-factorising the estimate is what
 * fails once the covariance is ill-conditioned: {@link #step()} then returns false and leaves the
 * model unchanged.
 */
final class EjmlGaussianStep {
    private final int d;
    private final int m;
    private final ZigguratSampler.NormalizedGaussian normal;
    private final CholeskyDecomposition_F64<DMatrixRMaj> cholesky;
    private final DMatrixRMaj mu;
    private final DMatrixRMaj sigma;
    private final DMatrixRMaj work;
    private final DMatrixRMaj lower;
    private final DMatrixRMaj z;
    private final DMatrixRMaj x;
    private final DMatrixRMaj means;

    EjmlGaussianStep(int d, int m, UniformRandomProvider rng) {
        this.d = d;
        this.m = m;
        normal = ZigguratSampler.NormalizedGaussian.of(rng);
        cholesky = DecompositionFactory_DDRM.chol(d, true);
        mu = new DMatrixRMaj(1, d);
        sigma = CommonOps_DDRM.identity(d);
        work = new DMatrixRMaj(d, d);
        lower = new DMatrixRMaj(d, d);
        z = new DMatrixRMaj(m, d);
        x = new DMatrixRMaj(m, d);
        means = new DMatrixRMaj(1, d);
    }

    /** Back to N(0, I). */
    void restart() {
        mu.zero();
        CommonOps_DDRM.setIdentity(sigma);
    }

    /** @return false if the estimated covariance could not be factorised or holds non-finite values */
    boolean step() {
        work.setTo(sigma);
        if (!cholesky.decompose(work)) {
            return false;
        }
        cholesky.getT(lower);
        for (int i = 0; i < z.data.length; i++) {
            z.data[i] = normal.sample();
        }
        CommonOps_DDRM.multTransB(z, lower, x);
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < d; j++) {
                x.data[i * d + j] += mu.data[j];
            }
        }
        CommonOps_DDRM.sumCols(x, means);
        CommonOps_DDRM.divide(means, m);
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < d; j++) {
                x.data[i * d + j] -= means.data[j];
            }
        }
        CommonOps_DDRM.multInner(x, sigma);
        CommonOps_DDRM.divide(sigma, m - 1);
        mu.setTo(means);
        for (double v : sigma.data) {
            if (!Double.isFinite(v)) {
                return false;
            }
        }
        return true;
    }

    /** @return tr Sigma of the current model */
    double trace() {
        return CommonOps_DDRM.trace(sigma);
    }
}
