package org.modelcollapse.linalg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.modelcollapse.simd.RotationKernels;
import org.modelcollapse.simd.ScalarRotationKernels;
import org.modelcollapse.simd.VectorRotationKernels;

/**
 * The spectral metrics' singular values against an oracle that shares nothing with them: the
 * eigenvalues of Sigma = U^T U formed exactly in BigDecimal and diagonalised by two-sided Jacobi at 50
 * digits. The acceptance bound is 1e-12 relative on every eigenvalue (the smallest included), their
 * extremes and the nuclear norm, on factors whose condition number reaches 1e14 (Sigma's 1e28).
 */
class TriangularSingularValuesTest {
    private static final long SEED = 20261201L;
    private static final double BOUND = 1e-12;
    private static final MathContext MC = new MathContext(50);

    /** A chain's factor: products of transposed Bartlett factors at M = d + 3 until the diagonal spans 1e13. */
    private static double[] chainFactor(int d, int stride, long seed) {
        final SplittableRandom random = new SplittableRandom(seed);
        final int m = d + 3;
        double[] u = new double[d * stride];
        for (int i = 0; i < d; i++) {
            u[i * stride + i] = 1;
        }
        final double[] t = new double[d * stride];
        final double[] next = new double[d * stride];
        for (int generation = 0; generation < 100_000 && diagonalSpread(u, d, stride) < 1e13; generation++) {
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

    private static double diagonalSpread(double[] u, int d, int stride) {
        double max = 0;
        double min = Double.POSITIVE_INFINITY;
        for (int i = 0; i < d; i++) {
            max = Math.max(max, Math.abs(u[i * stride + i]));
            min = Math.min(min, Math.abs(u[i * stride + i]));
        }
        return max / min;
    }

    /** D B (rows graded, {@code rows} true) or B D (columns graded), B unit upper triangular, D from 1 to 1e-14. */
    private static double[] gradedFactor(int d, int stride, boolean rows, long seed) {
        final SplittableRandom random = new SplittableRandom(seed);
        final double[] u = new double[d * stride];
        for (int i = 0; i < d; i++) {
            for (int j = i; j < d; j++) {
                final double b = i == j ? 1 : 0.5 * random.nextGaussian();
                u[i * stride + j] = b * Math.pow(10, -14.0 * (rows ? i : j) / (d - 1));
            }
        }
        return u;
    }

    private static double[] wellConditioned(int d, int stride, long seed) {
        final SplittableRandom random = new SplittableRandom(seed);
        final double[] u = new double[d * stride];
        for (int i = 0; i < d; i++) {
            for (int j = i; j < d; j++) {
                u[i * stride + j] = i == j ? 2 + random.nextDouble() : random.nextGaussian() / Math.sqrt(d);
            }
        }
        return u;
    }

    /** @return the squared singular values (eigenvalues of U^T U), ascending */
    private static double[] sortedSquares(TriangularSingularValues svd, int d) {
        final double[] squares = new double[d];
        for (int i = 0; i < d; i++) {
            squares[i] = svd.value(i) * svd.value(i);
        }
        Arrays.sort(squares);
        return squares;
    }

    /** Eigenvalues of U^T U, ascending: Sigma formed exactly, then cyclic two-sided Jacobi at 50 digits. */
    static BigDecimal[] oracleEigenvalues(double[] u, int d, int stride) {
        final BigDecimal[][] a = new BigDecimal[d][d];
        for (int r = 0; r < d; r++) {
            for (int c = 0; c < d; c++) {
                BigDecimal v = BigDecimal.ZERO;
                for (int k = 0; k <= Math.min(r, c); k++) {
                    v = v.add(new BigDecimal(u[k * stride + r]).multiply(new BigDecimal(u[k * stride + c])));
                }
                a[r][c] = v.round(MC);
            }
        }
        final BigDecimal two = BigDecimal.valueOf(2);
        final BigDecimal threshold = new BigDecimal("1e-45");
        // Zero eigenvalues (rank-deficient factors) have no relative scale: an absolute floor far below the rest.
        BigDecimal floor = BigDecimal.ZERO;
        for (int i = 0; i < d; i++) {
            floor = floor.max(a[i][i]);
        }
        floor = floor.multiply(new BigDecimal("1e-48"));
        for (int sweep = 0; sweep < 60; sweep++) {
            boolean rotated = false;
            for (int p = 0; p < d; p++) {
                for (int q = p + 1; q < d; q++) {
                    final BigDecimal apq = a[p][q];
                    final BigDecimal scale = a[p][p].abs().multiply(a[q][q].abs(), MC).sqrt(MC);
                    if (apq.signum() == 0 || apq.abs().compareTo(threshold.multiply(scale).add(floor)) <= 0) {
                        continue;
                    }
                    rotated = true;
                    final BigDecimal zeta = a[q][q].subtract(a[p][p]).divide(two.multiply(apq), MC);
                    final BigDecimal root = BigDecimal.ONE.add(zeta.multiply(zeta, MC)).sqrt(MC);
                    BigDecimal t = BigDecimal.ONE.divide(zeta.abs().add(root), MC);
                    if (zeta.signum() < 0) {
                        t = t.negate();
                    }
                    final BigDecimal c = BigDecimal.ONE.divide(BigDecimal.ONE.add(t.multiply(t, MC)).sqrt(MC), MC);
                    final BigDecimal s = t.multiply(c, MC);
                    for (int r = 0; r < d; r++) {
                        final BigDecimal arp = a[r][p];
                        final BigDecimal arq = a[r][q];
                        a[r][p] = c.multiply(arp, MC).subtract(s.multiply(arq, MC), MC);
                        a[r][q] = s.multiply(arp, MC).add(c.multiply(arq, MC), MC);
                    }
                    for (int r = 0; r < d; r++) {
                        final BigDecimal apr = a[p][r];
                        final BigDecimal aqr = a[q][r];
                        a[p][r] = c.multiply(apr, MC).subtract(s.multiply(aqr, MC), MC);
                        a[q][r] = s.multiply(apr, MC).add(c.multiply(aqr, MC), MC);
                    }
                }
            }
            if (!rotated) {
                final BigDecimal[] values = new BigDecimal[d];
                for (int i = 0; i < d; i++) {
                    values[i] = a[i][i];
                }
                Arrays.sort(values);
                return values;
            }
        }
        throw new AssertionError("the oracle did not converge");
    }

    /** Every eigenvalue, both extremes and the nuclear norm within 1e-12 relative of the oracle, by both paths. */
    private static void assertAgreesWithOracle(double[] u, int d, int stride, String what) {
        assertAgreesWithOracle(u, d, stride, false, what);
        if (d > 2) {
            assertAgreesWithOracle(u, d, stride, true, what + " (Jacobi)");
        }
    }

    private static void assertAgreesWithOracle(double[] u, int d, int stride, boolean jacobi, String what) {
        final TriangularSingularValues svd = new TriangularSingularValues(d, stride);
        assertTrue(jacobi ? svd.jacobi(u) : svd.compute(u), what + ": converged");
        final double[] ours = sortedSquares(svd, d);
        final BigDecimal[] oracle = oracleEigenvalues(u, d, stride);
        double nuclear = 0;
        for (int i = 0; i < d; i++) {
            final double exact = oracle[i].doubleValue();
            nuclear += Math.sqrt(exact);
            assertEquals(exact, ours[i], BOUND * exact, what + ": eigenvalue " + i + " of " + d + " (condition of U "
                    + Math.sqrt(oracle[d - 1].doubleValue() / oracle[0].doubleValue()) + ", seed " + SEED + ")");
        }
        final double smallest = svd.smallest() * svd.smallest();
        final double largest = svd.largest() * svd.largest();
        assertEquals(oracle[0].doubleValue(), smallest, BOUND * oracle[0].doubleValue(), what + ": smallest (seed " + SEED + ")");
        assertEquals(oracle[d - 1].doubleValue(), largest, BOUND * oracle[d - 1].doubleValue(), what + ": largest (seed " + SEED + ")");
        assertEquals(nuclear, svd.sum(), BOUND * nuclear, what + ": nuclear norm (seed " + SEED + ")");
    }

    private static double condition(double[] u, int d, int stride) {
        final BigDecimal[] oracle = oracleEigenvalues(u, d, stride);
        return Math.sqrt(oracle[d - 1].doubleValue() / oracle[0].doubleValue());
    }

    @ParameterizedTest(name = "d={0}")
    @ValueSource(ints = {3, 4, 8, 16, 32})
    void collapsedChainFactorsAgreeWithTheOracle(int d) {
        final int stride = (d + 7) / 8 * 8;
        final double[] u = chainFactor(d, stride, SEED + d);
        final double condition = condition(u, d, stride);
        assertTrue(condition > 1e12 && condition < 1e16, "test factor's condition " + condition + " (seed " + SEED + ")");
        assertAgreesWithOracle(u, d, stride, "chain factor, condition " + condition);
    }

    @ParameterizedTest(name = "d={0}, rows graded={1}")
    @CsvSource({"3, true", "3, false", "7, true", "7, false", "12, true", "12, false", "24, true", "24, false"})
    void gradedFactorsWithConditionUpTo1e14AgreeWithTheOracle(int d, boolean rows) {
        final int stride = (d + 7) / 8 * 8;
        final double[] u = gradedFactor(d, stride, rows, SEED + 31L * d + (rows ? 1 : 0));
        final double condition = condition(u, d, stride);
        assertTrue(condition > 1e13, "test factor's condition " + condition + " (seed " + SEED + ")");
        assertAgreesWithOracle(u, d, stride, (rows ? "row" : "column") + "-graded factor, condition " + condition);
    }

    @ParameterizedTest(name = "f={0}, g={1}, h={2}")
    @CsvSource({"1, 0.5, 1e-14", "1e-14, 0.5, 1", "1, 1, 1", "1, 0, 1", "1, 0, 1e-14", "1, 1e-14, 1e-14",
        "-1.5, 0.25, -1e-7", "1, 1e8, 1e-8", "0.3, -0.7, 0.9"})
    void twoByTwoClosedFormAgreesWithTheOracle(double f, double g, double h) {
        assertAgreesWithOracle(new double[] {f, g, 0, 0, 0, 0, 0, 0, 0, h, 0, 0, 0, 0, 0, 0}, 2, 8, "2 x 2");
    }

    /** A rank-deficient chain's factor has zero rows: as many singular values are exactly 0, the others as without them. */
    @ParameterizedTest(name = "d={0}, zero rows={1}")
    @CsvSource({"1, 1", "2, 1", "5, 1", "9, 3", "16, 8", "33, 20"})
    void zeroRowsGiveExactZeros(int d, int zeroRows) {
        final int stride = (d + 7) / 8 * 8;
        final double[] u = wellConditioned(d, stride, SEED + d);
        final int rank = d - zeroRows;
        Arrays.fill(u, rank * stride, d * stride, 0);
        final TriangularSingularValues svd = new TriangularSingularValues(d, stride);
        assertTrue(svd.compute(u));
        final double[] ours = sortedSquares(svd, d);
        final BigDecimal[] oracle = oracleEigenvalues(u, d, stride);
        for (int i = 0; i < d; i++) {
            final double exact = i < zeroRows ? 0 : oracle[i].doubleValue();
            assertEquals(exact, ours[i], BOUND * exact, "eigenvalue " + i + " of " + d + " (seed " + SEED + ")");
        }
    }

    /** Beyond the squares' range (rows spanning 1e154) Jacobi takes over: the large values stay exact, none is NaN. */
    @Test
    void aFactorSpanningMoreThanTheSquaresRangeFallsBackToJacobi() {
        final int d = 6;
        final double[] u = gradedFactor(d, 8, true, SEED);
        for (int j = 0; j < d; j++) {
            u[5 * 8 + j] *= 1e-140; // entries near 1e-154: their squares are still doubles, the bidiagonal's are not
        }
        final TriangularSingularValues svd = new TriangularSingularValues(d, 8);
        assertTrue(svd.compute(u));
        assertTrue(svd.sweeps() > 0, "took the Jacobi path");
        final BigDecimal[] oracle = oracleEigenvalues(u, d, 8);
        assertEquals(Math.sqrt(oracle[d - 1].doubleValue()), svd.largest(), BOUND * svd.largest());
        for (int i = 0; i < d; i++) {
            assertTrue(svd.value(i) >= 0, "value " + i + ": " + svd.value(i));
        }
    }

    /** On well-conditioned factors the values equal today's (EJML's symmetric QR on a formed Sigma) to rounding. */
    @ParameterizedTest(name = "d={0}")
    @ValueSource(ints = {1, 2, 3, 5, 9, 32, 64})
    void wellConditionedFactorsAgreeWithEjml(int d) {
        final int stride = (d + 7) / 8 * 8;
        final double[] u = wellConditioned(d, stride, SEED + 7 * d);
        final DMatrixRMaj um = new DMatrixRMaj(d, d);
        for (int i = 0; i < d; i++) {
            for (int j = i; j < d; j++) {
                um.set(i, j, u[i * stride + j]);
            }
        }
        final DMatrixRMaj sigma = new DMatrixRMaj(d, d);
        CommonOps_DDRM.multInner(um, sigma);
        final EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(d, false, true);
        assertTrue(eig.decompose(sigma));
        final double[] ejml = new double[d];
        for (int i = 0; i < d; i++) {
            ejml[i] = eig.getEigenvalue(i).getReal();
        }
        Arrays.sort(ejml);
        final TriangularSingularValues svd = new TriangularSingularValues(d, stride);
        assertTrue(svd.compute(u));
        final double[] ours = sortedSquares(svd, d);
        for (int i = 0; i < d; i++) {
            assertEquals(ejml[i], ours[i], 1e-13 * ejml[d - 1] * d, "eigenvalue " + i + " of " + d + " (seed " + SEED + ")");
        }
    }

    /** The Vector API rows kernels reproduce the scalar twin bit for bit on awkward sizes, on both paths. */
    @ParameterizedTest(name = "d={0}")
    @ValueSource(ints = {3, 4, 5, 7, 8, 9, 13, 16, 17, 31, 33, 40})
    void vectorKernelsMatchTheScalarTwin(int d) {
        final int stride = (d + 7) / 8 * 8;
        for (final double[] u : new double[][] {wellConditioned(d, stride, SEED + d), chainFactor(d, stride, SEED - d)}) {
            final TriangularSingularValues vector = new TriangularSingularValues(d, stride, VectorRotationKernels.INSTANCE);
            final TriangularSingularValues scalar = new TriangularSingularValues(d, stride, ScalarRotationKernels.INSTANCE);
            assertTrue(vector.jacobi(u));
            assertTrue(scalar.jacobi(u));
            assertEquals(scalar.sweeps(), vector.sweeps());
            for (int i = 0; i < d; i++) {
                assertEquals(scalar.value(i), vector.value(i), 0, "value " + i + " of " + d + " (seed " + SEED + ")");
            }
            assertTrue(vector.compute(u));
            assertTrue(scalar.compute(u));
            for (int i = 0; i < d; i++) {
                assertEquals(scalar.value(i), vector.value(i), 0, "fast path value " + i + " of " + d + " (seed " + SEED + ")");
            }
        }
    }

    @Test
    void kernelSumsFollowTheDocumentedOrder() {
        final double[] m = new double[32];
        final SplittableRandom random = new SplittableRandom(SEED);
        for (int i = 0; i < 32; i++) {
            m[i] = random.nextGaussian() * Math.pow(10, random.nextInt(-8, 8));
        }
        final double[] p = new double[8];
        for (int k = 0; k < 16; k++) {
            p[k % 8] = Math.fma(m[k], m[16 + k], p[k % 8]);
        }
        final double expected = ((p[0] + p[4]) + (p[2] + p[6])) + ((p[1] + p[5]) + (p[3] + p[7]));
        for (final RotationKernels kernels : new RotationKernels[] {ScalarRotationKernels.INSTANCE, VectorRotationKernels.INSTANCE}) {
            final double[] partials = new double[8];
            kernels.dot(m, 0, 16, 0, 16, partials, 4);
            assertEquals(expected, RotationKernels.finish(partials, 4), 0, kernels.name());
        }
    }
}
