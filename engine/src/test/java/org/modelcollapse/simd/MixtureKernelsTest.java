package org.modelcollapse.simd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import jdk.incubator.vector.DoubleVector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MixtureKernelsTest {
    private static final long SEED = 1618L;

    /** exp within 2 ulps of StrictMath's (fdlibm: within one of the true value) over its range, and at its edges. */
    @Test
    void expIsAccurateAndItsLanesMatchTheScalar() {
        final SplittableRandom random = new SplittableRandom(SEED);
        final double[] x = new double[20_000];
        for (int i = 0; i < x.length; i++) {
            x[i] = i % 2 == 0 ? random.nextDouble(-708, 709) : random.nextDouble(-1, 1) * Math.scalb(1.0, -random.nextInt(60));
        }
        for (int i = 0; i < x.length; i++) {
            final double expected = StrictMath.exp(x[i]);
            assertEquals(expected, ExpLog.exp(x[i]), 2 * Math.ulp(expected), "exp(" + x[i] + ") (seed " + SEED + ")");
        }
        final double half = Math.log(2) / 2;
        final double[] edges = {0.0, -0.0, half, -half, Math.nextUp(half), -708, 709, Math.log(2), -Math.log(2), 1, -1, 1e-300};
        for (double e : edges) {
            assertEquals(StrictMath.exp(e), ExpLog.exp(e), 2 * Math.ulp(StrictMath.exp(e)), "exp(" + e + ")");
        }
        assertEquals(1.0, ExpLog.exp(0.0), 0);
        assertEquals(0.0, ExpLog.exp(-708.5), 0);
        assertEquals(0.0, ExpLog.exp(Double.NEGATIVE_INFINITY), 0);
        assertEquals(Double.POSITIVE_INFINITY, ExpLog.exp(709.5), 0);
        assertTrue(Double.isNaN(ExpLog.exp(Double.NaN)));
        final double[] special = {-708.5, Double.NEGATIVE_INFINITY, 709.5, Double.NaN, -0.0, -708, 709, 3.5};
        assertLanesMatch(x, false);
        assertLanesMatch(special, false);
    }

    /** ln within 4 ulps of StrictMath's for positive normal numbers, near 1, at powers of 2 and around sqrt 2. */
    @Test
    void logIsAccurateAndItsLanesMatchTheScalar() {
        final SplittableRandom random = new SplittableRandom(SEED + 1);
        final double[] s = new double[20_000];
        for (int i = 0; i < s.length; i++) {
            s[i] = switch (i % 4) {
                case 0 -> Math.scalb(random.nextDouble(1, 2), random.nextInt(-1022, 1023));
                case 1 -> 1 + random.nextDouble(-1e-3, 1e-3);
                case 2 -> random.nextDouble(1, 8);
                default -> Math.sqrt(2) * (1 + random.nextDouble(-1e-12, 1e-12));
            };
        }
        for (double v : s) {
            final double expected = StrictMath.log(v);
            assertEquals(expected, ExpLog.log(v), Math.max(4 * Math.ulp(expected), 0x1p-1074), "log(" + v + ") (seed " + (SEED + 1) + ")");
        }
        assertEquals(0.0, ExpLog.log(1.0), 0);
        for (int e = -1022; e <= 1023; e++) {
            final double expected = e * Math.log(2);
            assertEquals(expected, ExpLog.log(Math.scalb(1.0, e)), 4 * Math.ulp(expected), "log(2^" + e + ")");
        }
        assertLanesMatch(s, true);
    }

    private static void assertLanesMatch(double[] values, boolean log) {
        final double[] lanes = new double[4];
        for (int i = 0; i + 4 <= values.length; i += 4) {
            final DoubleVector v = DoubleVector.fromArray(DoubleVector.SPECIES_256, values, i);
            (log ? VectorMixtureKernels.log(v) : VectorMixtureKernels.exp(v)).intoArray(lanes, 0);
            for (int l = 0; l < 4; l++) {
                final double scalar = log ? ExpLog.log(values[i + l]) : ExpLog.exp(values[i + l]);
                assertEquals(scalar, lanes[l], 0, (log ? "log(" : "exp(") + values[i + l] + ") lane " + l);
            }
        }
    }

    /** Points of one mixture's fit: coordinates, a random upper factor per row, log-weights; a dead row of -infinity if asked. */
    private record Case(int points, int pitch, int dim, int rows, double[] columns, double[][] factors, double[][] reciprocals,
            double[][] means, double[] constants, int stride) {
        static Case of(int points, int dim, int rows, long seed) {
            final SplittableRandom random = new SplittableRandom(seed);
            final int pitch = MixtureKernels.pitch(points);
            final int stride = MomentKernels.stride(dim);
            final double[] columns = new double[dim * pitch];
            for (int c = 0; c < dim; c++) {
                for (int i = 0; i < points; i++) {
                    columns[c * pitch + i] = 3 * random.nextGaussian() + c;
                }
            }
            final double[][] factors = new double[rows][dim * stride];
            final double[][] reciprocals = new double[rows][dim];
            final double[][] means = new double[rows][dim];
            final double[] constants = new double[rows];
            for (int j = 0; j < rows; j++) {
                for (int r = 0; r < dim; r++) {
                    for (int s = r; s < dim; s++) {
                        factors[j][r * stride + s] = s == r ? 0.2 + random.nextDouble() * 2 : random.nextGaussian();
                    }
                    reciprocals[j][r] = 1 / factors[j][r * stride + r];
                    means[j][r] = random.nextGaussian();
                }
                constants[j] = -random.nextDouble() * 5;
            }
            return new Case(points, pitch, dim, rows, columns, factors, reciprocals, means, constants, stride);
        }

        /** Log-densities of every row (row {@code dead} filled with -infinity instead); @return them */
        double[] logs(MixtureKernels kernels, int dead) {
            final double[] logs = new double[rows * pitch];
            final double[] scratch = new double[2 * dim * MixtureKernels.BLOCK];
            for (int j = 0; j < rows; j++) {
                if (j == dead) {
                    java.util.Arrays.fill(logs, j * pitch, (j + 1) * pitch, Double.NEGATIVE_INFINITY);
                } else {
                    kernels.logDensities(columns, pitch, dim, factors[j], stride, means[j], reciprocals[j], constants[j], scratch, logs,
                            j * pitch);
                }
            }
            return logs;
        }
    }

    @ParameterizedTest(name = "points={0}, dim={1}, rows={2}")
    @CsvSource({"1, 1, 1", "7, 2, 2", "8, 2, 3", "9, 3, 2", "13, 1, 5", "63, 5, 3", "64, 2, 2", "1000, 2, 2", "1001, 8, 4", "250, 17, 3"})
    void vectorMatchesScalarBitForBit(int points, int dim, int rows) {
        final long seed = SEED + 1000L * points + 10L * dim + rows;
        final Case c = Case.of(points, dim, rows, seed);
        final int dead = rows > 2 ? 1 : -1;
        final double[] vector = c.logs(VectorMixtureKernels.INSTANCE, dead);
        final double[] scalar = c.logs(ScalarMixtureKernels.INSTANCE, dead);
        assertArrayBitsEqual(scalar, vector, "log-densities (seed " + seed + ")");
        final double[] tv = new double[2 * c.pitch()];
        final double[] ts = new double[2 * c.pitch()];
        VectorMixtureKernels.INSTANCE.normalise(vector, rows, c.pitch(), points, tv);
        ScalarMixtureKernels.INSTANCE.normalise(scalar, rows, c.pitch(), points, ts);
        assertArrayBitsEqual(ts, tv, "maxima and sums (seed " + seed + ")");
        final double lv = VectorMixtureKernels.INSTANCE.logLikelihood(tv, c.pitch());
        final double ls = ScalarMixtureKernels.INSTANCE.logLikelihood(ts, c.pitch());
        assertEquals(ls, lv, 0, "log-likelihood (seed " + seed + ")");
        assertArrayBitsEqual(scalar, vector, "responsibilities (seed " + seed + ")");
        for (int j = 0; j < rows; j++) {
            final double[] sv = new double[dim + 1];
            final double[] ss = new double[dim + 1];
            VectorMixtureKernels.INSTANCE.weightedSums(vector, j * c.pitch(), c.columns(), c.pitch(), dim, sv);
            ScalarMixtureKernels.INSTANCE.weightedSums(scalar, j * c.pitch(), c.columns(), c.pitch(), dim, ss);
            assertArrayBitsEqual(ss, sv, "weighted sums of row " + j + " (seed " + seed + ")");
            for (boolean diagonal : new boolean[] {false, true}) {
                final double[] cv = new double[dim * c.stride()];
                final double[] cs = new double[dim * c.stride()];
                VectorMixtureKernels.INSTANCE.weightedScatter(vector, j * c.pitch(), c.columns(), c.pitch(), dim, c.means()[0], diagonal, cv,
                        c.stride());
                ScalarMixtureKernels.INSTANCE.weightedScatter(scalar, j * c.pitch(), c.columns(), c.pitch(), dim, c.means()[0], diagonal, cs,
                        c.stride());
                assertArrayBitsEqual(cs, cv, "scatter of row " + j + ", diagonal " + diagonal + " (seed " + seed + ")");
            }
        }
    }

    /** Each kernel against the formula it computes, evaluated directly with the JDK's exp and log. */
    @ParameterizedTest(name = "points={0}, dim={1}, rows={2}")
    @CsvSource({"9, 3, 2", "1000, 2, 2", "101, 6, 3"})
    void scalarKernelsComputeTheirFormulas(int points, int dim, int rows) {
        final long seed = SEED + 7L * points + dim;
        final Case c = Case.of(points, dim, rows, seed);
        final double[] logs = c.logs(ScalarMixtureKernels.INSTANCE, -1);
        final int pitch = c.pitch();
        double logLikelihood = 0;
        final double[][] expected = new double[rows][points];
        for (int i = 0; i < points; i++) {
            final double[] l = new double[rows];
            for (int j = 0; j < rows; j++) {
                l[j] = c.constants()[j] - 0.5 * squaredSolve(c, j, i);
                assertEquals(l[j], logs[j * pitch + i], 1e-12 * (1 + Math.abs(l[j])), "log-density " + j + ", " + i + " (seed " + seed + ")");
            }
            double max = Double.NEGATIVE_INFINITY;
            for (double v : l) {
                max = Math.max(max, v);
            }
            double sum = 0;
            for (double v : l) {
                sum += Math.exp(v - max);
            }
            for (int j = 0; j < rows; j++) {
                expected[j][i] = Math.exp(l[j] - max) / sum;
            }
            logLikelihood += max + Math.log(sum);
        }
        final double[] totals = new double[2 * pitch];
        ScalarMixtureKernels.INSTANCE.normalise(logs, rows, pitch, points, totals);
        final double got = ScalarMixtureKernels.INSTANCE.logLikelihood(totals, pitch);
        assertEquals(logLikelihood, got, 1e-12 * Math.abs(logLikelihood), "log-likelihood (seed " + seed + ")");
        for (int j = 0; j < rows; j++) {
            for (int i = 0; i < pitch; i++) {
                assertEquals(i < points ? expected[j][i] : 0, logs[j * pitch + i], 1e-14, "responsibility " + j + ", " + i);
            }
            final double[] sums = new double[dim + 1];
            ScalarMixtureKernels.INSTANCE.weightedSums(logs, j * pitch, c.columns(), pitch, dim, sums);
            final double[] scatter = new double[dim * c.stride()];
            final double[] mean = c.means()[j];
            ScalarMixtureKernels.INSTANCE.weightedScatter(logs, j * pitch, c.columns(), pitch, dim, mean, false, scatter, c.stride());
            double total = 0;
            for (int i = 0; i < points; i++) {
                total += expected[j][i];
            }
            assertEquals(total, sums[0], 1e-12 * points, "weight sum of row " + j);
            for (int a = 0; a < dim; a++) {
                double s = 0;
                for (int i = 0; i < points; i++) {
                    s += expected[j][i] * c.columns()[a * pitch + i];
                }
                assertEquals(s, sums[1 + a], 1e-11 * points, "weighted sum " + a + " of row " + j);
                for (int b = a; b < dim; b++) {
                    double t = 0;
                    for (int i = 0; i < points; i++) {
                        t += expected[j][i] * (c.columns()[a * pitch + i] - mean[a]) * (c.columns()[b * pitch + i] - mean[b]);
                    }
                    assertEquals(t, scatter[a * c.stride() + b], 1e-10 * points, "scatter " + a + ", " + b + " of row " + j);
                }
            }
        }
    }

    /** @return |U_j^-T (x_i - mu_j)|^2 by forward substitution with division, the textbook way */
    private static double squaredSolve(Case c, int j, int i) {
        final double[] y = new double[c.dim()];
        double q = 0;
        for (int r = 0; r < c.dim(); r++) {
            double v = c.columns()[r * c.pitch() + i] - c.means()[j][r];
            for (int s = 0; s < r; s++) {
                v -= c.factors()[j][s * c.stride() + r] * y[s];
            }
            y[r] = v / c.factors()[j][r * c.stride() + r];
            q += y[r] * y[r];
        }
        return q;
    }

    private static void assertArrayBitsEqual(double[] expected, double[] actual, String what) {
        for (int i = 0; i < expected.length; i++) {
            if (Double.doubleToRawLongBits(expected[i]) != Double.doubleToRawLongBits(actual[i])) {
                assertEquals(expected[i], actual[i], 0, what + ": entry " + i);
                throw new AssertionError(what + ": entry " + i + " differs in sign or NaN bits: " + expected[i] + " vs " + actual[i]);
            }
        }
    }
}
