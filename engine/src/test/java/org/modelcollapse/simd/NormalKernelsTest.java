package org.modelcollapse.simd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.apache.commons.rng.simple.RandomSource;
import org.apache.commons.statistics.distribution.NormalDistribution;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.modelcollapse.StatAssert;

class NormalKernelsTest {
    private static final long SEED = 8128L;
    private static final NormalDistribution PHI = NormalDistribution.of(0, 1);

    private static LxmLanes lanes(long seed) {
        return LxmLanes.of(RandomSource.L64_X128_MIX.create(seed));
    }

    /** The Vector API kernel reproduces the scalar twin bit for bit on awkward sizes, and leaves the lanes alike. */
    @ParameterizedTest
    @ValueSource(ints = {0, 1, 7, 8, 9, 15, 16, 17, 31, 33, 100, 1001, 4096})
    void vectorMatchesScalar(int n) {
        // Both ways of converting lanes to doubles (LaneConversions) where the hardware has both; on
        // AVX2 only the integer way, which INSTANCE is: running L2D there too would leave its
        // un-intrinsified path in the kernel's compiled code, which boxes the vectors of every call.
        vectorMatchesScalar(VectorNormalKernels.INSTANCE, n);
        if (LaneConversions.NATIVE) {
            vectorMatchesScalar(VectorNormalKernels.withIntegerConversion(), n);
        }
    }

    private static void vectorMatchesScalar(VectorNormalKernels vector, int n) {
        final LxmLanes a = lanes(SEED + n);
        final LxmLanes b = lanes(SEED + n);
        final double[] va = new double[NormalKernels.padded(n)];
        final double[] vb = new double[NormalKernels.padded(n)];
        vector.fillStandardNormals(a, va, n);
        ScalarNormalKernels.INSTANCE.fillStandardNormals(b, vb, n);
        assertArrayEquals(vb, va, "fillStandardNormals n=" + n + " (seed " + (SEED + n) + ")");
        final double[] ta = new double[8];
        final double[] tb = new double[8];
        VectorUniformKernels.INSTANCE.fillDoubles(a, ta, 8);
        ScalarUniformKernels.INSTANCE.fillDoubles(b, tb, 8);
        assertArrayEquals(tb, ta, "lane states after the fill");
    }

    /** The polynomial ln, sin and cos agree with Math's to a few ulps over their whole ranges. */
    @Test
    void boxMullerStepsAreAccurate() {
        final long[] zs = new long[20_000];
        final java.util.SplittableRandom random = new java.util.SplittableRandom(SEED);
        for (int i = 0; i < zs.length; i++) {
            // Spread over the whole range of u, down to its smallest value.
            zs[i] = random.nextLong() >>> random.nextInt(64);
        }
        zs[0] = 0;
        zs[1] = -1;
        for (long z : zs) {
            final double u = ((z >>> 12) + 0.5) * 0x1.0p-52;
            assertTrue(u > 0 && u < 1, "u in (0, 1)");
            final double expected = Math.sqrt(-2 * Math.log(u));
            assertEquals(expected, BoxMuller.radius(z), 4 * Math.ulp(expected), "radius for z=" + z);
            final long q = BoxMuller.quadrant(z);
            final double t = BoxMuller.theta(z, q);
            assertTrue(Math.abs(t) <= Math.PI / 4 + 1e-15, "theta within a half quadrant");
            assertEquals(Math.sin(t), BoxMuller.sin(t), 2 * Math.ulp(1.0), "sin " + t);
            assertEquals(Math.cos(t), BoxMuller.cos(t), 2 * Math.ulp(1.0), "cos " + t);
            // Reassembled angle: q quarter turns plus theta is 2 pi times the angle's uniform.
            assertEquals((z >>> 11) * 0x1.0p-53 * 2 * Math.PI, q * Math.PI / 2 + t, 1e-14, "angle for z=" + z);
        }
        assertEquals(Math.sqrt(106 * Math.log(2)), BoxMuller.radius(0), 1e-12, "largest radius");
    }

    /** Kolmogorov–Smirnov and a 100-bin chi-square against Phi, and tail frequencies out to 5 sd. */
    @Test
    void normalsFollowPhi() {
        final int n = 4_000_000;
        final double[] x = new double[NormalKernels.padded(n)];
        Kernels.normal().fillStandardNormals(lanes(SEED), x, n);
        final double[] sample = Arrays.copyOf(x, n);
        final String what = "normals via " + Kernels.normal().name();
        StatAssert.ksFits(what, SEED, Arrays.copyOf(sample, 200_000), PHI::cumulativeProbability);

        final int bins = 100;
        final long[] counts = new long[bins];
        for (double v : sample) {
            counts[Math.min(bins - 1, (int) (PHI.cumulativeProbability(v) * bins))]++;
        }
        final double[] p = new double[bins];
        Arrays.fill(p, 1.0 / bins);
        StatAssert.chiSquareFits(what + ", 100 equiprobable bins", SEED, counts, p);

        for (int k = 1; k <= 5; k++) {
            long beyond = 0;
            for (double v : sample) {
                beyond += Math.abs(v) > k ? 1 : 0;
            }
            final double pk = 2 * PHI.survivalProbability(k);
            StatAssert.withinZ(what + ", P(|Z| > " + k + ")", SEED, beyond, n * pk, Math.sqrt(n * pk * (1 - pk)));
        }
    }

    /** Cosine and sine normals of one lane step are uncorrelated (their product has mean 0, variance 1). */
    @Test
    void pairsAreUncorrelated() {
        final int blocks = 100_000;
        final double[] x = new double[blocks * NormalKernels.BLOCK];
        Kernels.normal().fillStandardNormals(lanes(SEED + 1), x, x.length);
        double sum = 0;
        for (int b = 0; b < blocks; b++) {
            for (int i = 0; i < LxmLanes.LANES; i++) {
                sum += x[b * NormalKernels.BLOCK + i] * x[b * NormalKernels.BLOCK + LxmLanes.LANES + i];
            }
        }
        final int pairs = blocks * LxmLanes.LANES;
        StatAssert.withinZ("mean of cosine x sine normal", SEED + 1, sum / pairs, 0, 1 / Math.sqrt(pairs));
    }
}
