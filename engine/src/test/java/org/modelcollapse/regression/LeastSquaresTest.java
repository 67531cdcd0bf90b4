package org.modelcollapse.regression;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;
import org.modelcollapse.StatAssert;
import org.modelcollapse.random.ChiSquareSampler;

/** The samples path's solvers against the normal equations solved independently, and the Wishart factor's mean. */
class LeastSquaresTest {
    private static final long SEED = 77L;

    /** @return n rows of d standard normal features and a label, in the RegressionData layout */
    private static double[] rows(int n, int d, UniformRandomProvider rng) {
        final ZigguratSampler.NormalizedGaussian normal = ZigguratSampler.NormalizedGaussian.of(rng);
        final double[] rows = new double[n * (d + 1)];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = normal.sample();
        }
        return rows;
    }

    /** Solves a x = b by Gaussian elimination with partial pivoting (a is n x n, destroyed). */
    private static double[] gauss(double[][] a, double[] b) {
        final int n = b.length;
        for (int c = 0; c < n; c++) {
            int p = c;
            for (int i = c + 1; i < n; i++) {
                if (Math.abs(a[i][c]) > Math.abs(a[p][c])) {
                    p = i;
                }
            }
            final double[] t = a[c];
            a[c] = a[p];
            a[p] = t;
            final double tb = b[c];
            b[c] = b[p];
            b[p] = tb;
            for (int i = c + 1; i < n; i++) {
                final double f = a[i][c] / a[c][c];
                for (int j = c; j < n; j++) {
                    a[i][j] -= f * a[c][j];
                }
                b[i] -= f * b[c];
            }
        }
        final double[] x = new double[n];
        for (int i = n - 1; i >= 0; i--) {
            double s = b[i];
            for (int j = i + 1; j < n; j++) {
                s -= a[i][j] * x[j];
            }
            x[i] = s / a[i][i];
        }
        return x;
    }

    @Test
    void olsAndRidgeSolveTheNormalEquations() {
        final int n = 40;
        final int d = 5;
        final double[] rows = rows(n, d, RandomSource.L64_X128_MIX.create(SEED));
        for (double ridge : new double[] {0, 0.7}) {
            final double[][] a = new double[d][d];
            final double[] b = new double[d];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < d; j++) {
                    b[j] += rows[i * (d + 1) + j] * rows[i * (d + 1) + d];
                    for (int k = 0; k < d; k++) {
                        a[j][k] += rows[i * (d + 1) + j] * rows[i * (d + 1) + k];
                    }
                }
            }
            for (int j = 0; j < d; j++) {
                a[j][j] += ridge;
            }
            final double[] expected = gauss(a, b);
            final double[] w = new double[d];
            new LeastSquares(d).solve(rows, n, ridge, false, w);
            for (int j = 0; j < d; j++) {
                assertEquals(expected[j], w[j], 1e-12 * (1 + Math.abs(expected[j])), "ridge " + ridge + ", weight " + j);
            }
        }
    }

    /** X^+ y for 3 rows and 7 features: X w = y, and w = X^T (X X^T)^-1 y (the row space: the minimum norm). */
    @Test
    void minimumNormIsThePseudoInverse() {
        final int n = 3;
        final int d = 7;
        final double[] rows = rows(n, d, RandomSource.L64_X128_MIX.create(SEED + 1));
        final double[][] gram = new double[n][n];
        final double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            y[i] = rows[i * (d + 1) + d];
            for (int j = 0; j < n; j++) {
                for (int k = 0; k < d; k++) {
                    gram[i][j] += rows[i * (d + 1) + k] * rows[j * (d + 1) + k];
                }
            }
        }
        final double[] u = gauss(gram, y.clone());
        final double[] w = new double[d];
        new LeastSquares(d).solve(rows, n, 0, true, w);
        for (int k = 0; k < d; k++) {
            double expected = 0;
            for (int i = 0; i < n; i++) {
                expected += u[i] * rows[i * (d + 1) + k];
            }
            assertEquals(expected, w[k], 1e-12, "weight " + k);
        }
        for (int i = 0; i < n; i++) {
            double fitted = 0;
            for (int k = 0; k < d; k++) {
                fitted += rows[i * (d + 1) + k] * w[k];
            }
            assertEquals(y[i], fitted, 1e-12, "row " + i + " interpolated");
        }
    }

    /** E F F^T = n Sigma for the Bartlett factor, full rank (n = 6) and singular (n = 2 &lt; d = 3), per entry within Z SE. */
    @Test
    void wishartFactorHasMeanNSigma() {
        final double[] sigma = {2, 0.6, 0, 0.6, 1, -0.3, 0, -0.3, 0.5};
        final double[] lower = RegressionFamily.lowerFactor(sigma, 3);
        for (int n : new int[] {6, 2}) {
            final UniformRandomProvider rng = RandomSource.L64_X128_MIX.create(SEED + n);
            final ChiSquareSampler chi = new ChiSquareSampler(rng);
            final ZigguratSampler.NormalizedGaussian normal = ZigguratSampler.NormalizedGaussian.of(rng);
            final int reps = 40000;
            final double[][] entries = new double[9][reps];
            final double[] f = new double[9];
            final double[] scratch = new double[9];
            for (int r = 0; r < reps; r++) {
                WishartFactor.draw(n, 3, lower, chi, normal, scratch, f);
                for (int i = 0; i < 3; i++) {
                    for (int j = 0; j < 3; j++) {
                        double s = 0;
                        for (int k = 0; k < 3; k++) {
                            s += f[i * 3 + k] * f[j * 3 + k];
                        }
                        entries[i * 3 + j][r] = s;
                    }
                }
            }
            for (int e = 0; e < 9; e++) {
                double m = 0;
                for (double v : entries[e]) {
                    m += v;
                }
                m /= reps;
                double ss = 0;
                for (double v : entries[e]) {
                    ss += (v - m) * (v - m);
                }
                StatAssert.withinZ("E W entry " + e + ", n=" + n, SEED + n, m, n * sigma[e], Math.sqrt(ss / (reps - 1) / reps));
            }
        }
    }
}
