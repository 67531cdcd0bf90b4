package org.modelcollapse.bench;

import java.util.SplittableRandom;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.decomposition.eig.symm.SymmetricQrAlgorithm_DDRM;
import org.ejml.dense.row.decomposition.hessenberg.TridiagonalDecompositionHouseholder_DDRM;
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
 * their time in.
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

    /** U_n = T_n ... T_1 with T the transposed Bartlett factor of Wishart_d(m - 1, I) over sqrt(m - 1), rescaled to max 1. */
    static double[] chainFactor(int d, int stride, int m, int generations, long seed) {
        final SplittableRandom random = new SplittableRandom(seed);
        final double[] u = new double[d * stride];
        final double[] t = new double[d * stride];
        final double[] next = new double[d * stride];
        for (int i = 0; i < d; i++) {
            u[i * stride + i] = 1;
        }
        for (int g = 0; g < generations; g++) {
            for (int i = 0; i < d; i++) {
                double chi = 0;
                for (int k = 0; k < m - 1 - i; k++) {
                    final double z = random.nextGaussian();
                    chi += z * z;
                }
                t[i * stride + i] = Math.sqrt(chi / (m - 1));
                for (int j = i + 1; j < d; j++) {
                    t[i * stride + j] = random.nextGaussian() / Math.sqrt(m - 1);
                }
            }
            double max = 0;
            for (int i = 0; i < d; i++) {
                for (int j = i; j < d; j++) {
                    double v = 0;
                    for (int k = i; k <= j; k++) {
                        v += t[i * stride + k] * u[k * stride + j];
                    }
                    next[i * stride + j] = v;
                    max = Math.max(max, Math.abs(v));
                }
            }
            for (int i = 0; i < d; i++) {
                for (int j = i; j < d; j++) {
                    u[i * stride + j] = next[i * stride + j] / max;
                }
            }
        }
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
