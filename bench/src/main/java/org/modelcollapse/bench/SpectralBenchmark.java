package org.modelcollapse.bench;

import org.apache.commons.rng.simple.RandomSource;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.decomposition.eig.symm.SymmetricQrAlgorithm_DDRM;
import org.ejml.dense.row.decomposition.hessenberg.TridiagonalDecompositionHouseholder_DDRM;
import org.modelcollapse.linalg.Cholesky;
import org.modelcollapse.gaussian.GaussianChain;
import org.modelcollapse.gaussian.GaussianSpec;
import org.modelcollapse.linalg.TriangularSingularValues;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;

/**
 * The spectral metrics of one generation (every eigenvalue of Sigma = U^T U, hence the extremes and
 * W2's trace term) from a chain's factor: ours, the singular values of U
 * ({@link TriangularSingularValues}: closed form at d = 2, bidiagonalisation and dqds above), against
 * the previous path, which formed Sigma and ran EJML's Householder tridiagonalisation and implicit
 * symmetric QR (accurate to epsilon lambda_max only). The factor is a chain's after 300 generations of
 * replace at M = 30 d (condition number about 1e2 to 1e3), the regime the standard workloads spend
 * their time in. (results/jmh-spectral.json was measured on the same kind of factor built by
 * multiplying Bartlett factors directly.)
 */
public class SpectralBenchmark extends BenchmarkBase {
    @Param({"2", "8", "32", "128"})
    public int d;

    private double[] u;
    private TriangularSingularValues ours;
    private DMatrixRMaj factor;
    private DMatrixRMaj sigma;
    private final TridiagonalDecompositionHouseholder_DDRM tridiagonal = new TridiagonalDecompositionHouseholder_DDRM();
    private final SymmetricQrAlgorithm_DDRM qr = new SymmetricQrAlgorithm_DDRM();
    private double[] diagonal;
    private double[] offDiagonal;

    @Setup
    public void setUp() {
        final int stride = (d + 7) / 8 * 8;
        u = chainFactor(d, stride, 30 * d, 300, SEED);
        ours = new TriangularSingularValues(d, stride);
        factor = new DMatrixRMaj(d, d);
        for (int i = 0; i < d; i++) {
            for (int j = i; j < d; j++) {
                factor.set(i, j, u[i * stride + j]);
            }
        }
        sigma = new DMatrixRMaj(d, d);
        diagonal = new double[d];
        offDiagonal = new double[d];
        qr.setFastEigenvalues(true);
    }

    /**
     * The upper factor of a replace chain's covariance after {@code generations} generations at M = m
     * (the Cholesky factor of Sigma_n: the carried factor up to the signs of its rows).
     */
    static double[] chainFactor(int d, int stride, int m, int generations, long seed) {
        final GaussianChain chain = GaussianChain.create(GaussianSpec.standard(d, m), RandomSource.L64_X128_MIX.create(seed));
        for (int g = 0; g < generations; g++) {
            chain.step();
        }
        final double[] sigma = new double[d * d];
        chain.readCovariance(sigma);
        final double[] padded = new double[d * stride];
        for (int i = 0; i < d; i++) {
            System.arraycopy(sigma, i * d, padded, i * stride, d);
        }
        final double[] u = new double[d * stride];
        Cholesky.factorUpper(padded, d, stride, d, u);
        return u;
    }

    /** @return the nuclear norm, which needs every singular value */
    @Benchmark
    public double ours() {
        ours.compute(u);
        return ours.sum();
    }

    /** @return the sum of the square roots of Sigma's eigenvalues, as the previous metrics computed it */
    @Benchmark
    public double formedSigmaEjml() {
        CommonOps_DDRM.multInner(factor, sigma);
        tridiagonal.decompose(sigma);
        tridiagonal.getDiagonal(diagonal, offDiagonal);
        qr.setQ(null);
        qr.process(d, diagonal, offDiagonal);
        double sum = 0;
        for (int i = 0; i < d; i++) {
            sum += Math.sqrt(Math.max(0, qr.getEigenvalue(i)));
        }
        return sum;
    }
}
