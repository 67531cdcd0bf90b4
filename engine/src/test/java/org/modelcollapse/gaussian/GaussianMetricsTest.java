package org.modelcollapse.gaussian;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.apache.commons.rng.simple.RandomSource;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;
import org.junit.jupiter.api.Test;

/**
 * W2 against a general Sigma_0 through the nuclear norm of U F_0, checked against the definition:
 * tr (Sigma_0^(1/2) Sigma Sigma_0^(1/2))^(1/2) from EJML's eigendecompositions of the formed matrices.
 */
class GaussianMetricsTest {
    private static final long SEED = 77L;
    private static final int W2 = GaussianChain.METRICS.indexOf("w2_squared");
    private static final int TRACE = GaussianChain.METRICS.indexOf("trace");
    private static final int DISTANCE = GaussianChain.METRICS.indexOf("mean_sq_distance");

    private static double[] randomSpd(int d, SplittableRandom random) {
        final DMatrixRMaj a = new DMatrixRMaj(d, d);
        for (int i = 0; i < d * d; i++) {
            a.data[i] = random.nextGaussian();
        }
        final DMatrixRMaj s = new DMatrixRMaj(d, d);
        CommonOps_DDRM.multTransB(a, a, s);
        for (int i = 0; i < d; i++) {
            s.add(i, i, 0.1);
        }
        return s.data.clone();
    }

    /** Symmetric square root by eigendecomposition. */
    private static DMatrixRMaj sqrtm(DMatrixRMaj s) {
        final EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(s.numRows, true, true);
        eig.decompose(s.copy());
        final DMatrixRMaj out = new DMatrixRMaj(s.numRows, s.numRows);
        for (int k = 0; k < s.numRows; k++) {
            final DMatrixRMaj v = eig.getEigenVector(k);
            final double root = Math.sqrt(Math.max(0, eig.getEigenvalue(k).getReal()));
            for (int i = 0; i < s.numRows; i++) {
                for (int j = 0; j < s.numRows; j++) {
                    out.add(i, j, root * v.get(i) * v.get(j));
                }
            }
        }
        return out;
    }

    @Test
    void traceTermEqualsItsDefinitionForARandomSigma0() {
        final SplittableRandom random = new SplittableRandom(SEED);
        for (int d : new int[] {1, 2, 3, 7}) {
            final double[] sigma0 = randomSpd(d, random);
            final GaussianChain chain = GaussianChain.create(GaussianSpec.standard(d, 3 * d + 5).withOriginal(new double[d], sigma0),
                    RandomSource.L64_X128_MIX.create(SEED + d));
            final DMatrixRMaj root0 = sqrtm(DMatrixRMaj.wrap(d, d, sigma0.clone()));
            double trace0 = 0;
            for (int i = 0; i < d; i++) {
                trace0 += sigma0[i * d + i];
            }
            for (int g = 0; g < 6; g++) {
                final double[] sigma = new double[d * d];
                chain.readCovariance(sigma);
                final DMatrixRMaj product = new DMatrixRMaj(d, d);
                final DMatrixRMaj tmp = new DMatrixRMaj(d, d);
                CommonOps_DDRM.mult(root0, DMatrixRMaj.wrap(d, d, sigma), tmp);
                CommonOps_DDRM.mult(tmp, root0, product);
                final double expected = CommonOps_DDRM.trace(sqrtm(product));
                final double[] m = chain.metrics();
                final double observed = (m[DISTANCE] + m[TRACE] + trace0 - m[W2]) / 2;
                assertEquals(expected, observed, 1e-9 * (trace0 + m[TRACE]), "d=" + d + " generation " + g + " (seed " + SEED + ")");
                chain.step();
            }
        }
    }
}
