package org.modelcollapse.gaussian;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.QRDecomposition;

/** Covariance matrices Sigma_0 for the original distribution, d x d row-major. */
public final class Covariances {
    private Covariances() {}

    /** @return the identity I_d */
    public static double[] identity(int d) {
        final double[] c = new double[d * d];
        for (int i = 0; i < d; i++) {
            c[i * d + i] = 1;
        }
        return c;
    }

    /** @return diag(variances) */
    public static double[] diagonal(double[] variances) {
        final int d = variances.length;
        final double[] c = new double[d * d];
        for (int i = 0; i < d; i++) {
            c[i * d + i] = variances[i];
        }
        return c;
    }

    /**
     * A random symmetric positive definite matrix Q diag(lambda) Q^T with condition number
     * {@code condition}: eigenvalues log-spaced from 1 down to 1/condition, Q Haar-distributed (the Q
     * factor of a Gaussian matrix with the signs of R's diagonal made positive; F. Mezzadri, "How to
     * generate random matrices from the classical compact groups", Notices AMS 54 (2007) 592–604).
     *
     * @param condition &gt;= 1
     * @param rng Modified: d^2 normals are drawn
     */
    public static double[] randomWithCondition(int d, double condition, UniformRandomProvider rng) {
        if (!(condition >= 1) || Double.isInfinite(condition)) {
            throw new IllegalArgumentException("condition number must be finite and >= 1: " + condition);
        }
        final ZigguratSampler.NormalizedGaussian normal = ZigguratSampler.NormalizedGaussian.of(rng);
        final DMatrixRMaj g = new DMatrixRMaj(d, d);
        for (int i = 0; i < g.data.length; i++) {
            g.data[i] = normal.sample();
        }
        final QRDecomposition<DMatrixRMaj> qr = DecompositionFactory_DDRM.qr(d, d);
        qr.decompose(g.copy());
        final DMatrixRMaj q = qr.getQ(null, false);
        final DMatrixRMaj r = qr.getR(null, false);
        for (int j = 0; j < d; j++) {
            if (r.get(j, j) < 0) {
                for (int i = 0; i < d; i++) {
                    q.set(i, j, -q.get(i, j));
                }
            }
        }
        final DMatrixRMaj scaled = q.copy();
        for (int j = 0; j < d; j++) {
            final double lambda = d == 1 ? 1 : Math.pow(condition, -(double) j / (d - 1));
            for (int i = 0; i < d; i++) {
                scaled.set(i, j, scaled.get(i, j) * lambda);
            }
        }
        final DMatrixRMaj sigma = new DMatrixRMaj(d, d);
        CommonOps_DDRM.multTransB(scaled, q, sigma);
        final double[] c = new double[d * d];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                c[i * d + j] = 0.5 * (sigma.get(i, j) + sigma.get(j, i));
            }
        }
        return c;
    }
}
