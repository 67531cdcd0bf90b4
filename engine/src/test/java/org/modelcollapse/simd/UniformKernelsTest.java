package org.modelcollapse.simd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.rng.core.source64.L64X128Mix;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.modelcollapse.StatAssert;

class UniformKernelsTest {
    private static final long SEED = 4242L;

    private static LxmLanes lanes(long seed) {
        return LxmLanes.of(RandomSource.L64_X128_MIX.create(seed));
    }

    /** Each lane of the scalar kernel is Commons RNG's L64X128Mix with the same seed. */
    @Test
    void scalarLanesAreCommonsL64X128Mix() {
        final LxmLanes l = lanes(SEED);
        final L64X128Mix[] reference = new L64X128Mix[LxmLanes.LANES];
        for (int i = 0; i < LxmLanes.LANES; i++) {
            reference[i] = new L64X128Mix(l.laneSeed(i));
        }
        final double[] out = new double[LxmLanes.LANES * 50];
        ScalarUniformKernels.INSTANCE.fillDoubles(l, out, out.length - 3);
        for (int j = 0; j < out.length; j++) {
            assertEquals(reference[j % LxmLanes.LANES].nextDouble(), out[j], "value " + j + " (seed " + SEED + ")");
        }
    }

    /** The Vector API kernels reproduce the scalar twin bit for bit on awkward sizes. */
    @ParameterizedTest
    @ValueSource(ints = {0, 1, 4, 6, 7, 8, 9, 13, 15, 16, 17, 25, 32, 64, 100, 128, 207, 256, 1001})
    void vectorMatchesScalar(int n) {
        // Both ways of converting lanes to doubles (LaneConversions) where the hardware has both; on
        // AVX2 only the integer way, which INSTANCE is: running L2D there too would leave its
        // un-intrinsified path in the kernel's compiled code, which boxes the vectors of every call.
        vectorMatchesScalar(VectorUniformKernels.INSTANCE, n);
        if (LaneConversions.NATIVE) {
            vectorMatchesScalar(VectorUniformKernels.withIntegerConversion(), n);
        }
    }

    private static void vectorMatchesScalar(VectorUniformKernels vector, int n) {
        final LxmLanes a = lanes(SEED + n);
        final LxmLanes b = lanes(SEED + n);
        final double[] da = new double[UniformKernels.padded(n)];
        final double[] db = new double[UniformKernels.padded(n)];
        vector.fillDoubles(a, da, n);
        ScalarUniformKernels.INSTANCE.fillDoubles(b, db, n);
        assertArrayEquals(db, da, "fillDoubles n=" + n);
        for (int bound : new int[] {1, 2, 3, 1000, 1 << 30, Integer.MAX_VALUE - 1}) {
            final int[] ia = new int[UniformKernels.padded(n)];
            final int[] ib = new int[UniformKernels.padded(n)];
            vector.fillIndices(a, ia, n, bound);
            ScalarUniformKernels.INSTANCE.fillIndices(b, ib, n, bound);
            assertArrayEquals(ib, ia, "fillIndices n=" + n + " bound=" + bound);
            for (int j = 0; j < n; j++) {
                assertTrue(ia[j] >= 0 && ia[j] < bound, "index in range");
            }
        }
        // Both advanced their state identically.
        final double[] ta = new double[8];
        final double[] tb = new double[8];
        vector.fillDoubles(a, ta, 8);
        ScalarUniformKernels.INSTANCE.fillDoubles(b, tb, 8);
        assertArrayEquals(tb, ta);
    }

    /** Interval lists of the twin test: one interval, uneven ones, and totals whose words are often rejected. */
    private static final int[][] ENDS = {
        {1}, {7}, {1, 2}, {3, 100}, {10, 20, 30, 40}, {1, 5, 6, 50, 99, 100, 101}, {1000, 2000, 3000, 4000, 5000},
        {1 << 30, (1 << 30) + 1, Integer.MAX_VALUE - 1},
        {1000, 1431655766}, // 2^32 mod T = T - 2: a third of all words are rejected
    };

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 7, 8, 9, 15, 16, 17, 31, 33, 100, 255, 1001})
    void countIntervalsVectorMatchesScalar(int n) {
        final LxmLanes a = lanes(SEED + n);
        final LxmLanes b = lanes(SEED + n);
        final var fa = RandomSource.SPLIT_MIX_64.create(SEED);
        final var fb = RandomSource.SPLIT_MIX_64.create(SEED);
        for (int[] ends : ENDS) {
            final int[] ca = new int[ends.length];
            final int[] cb = new int[ends.length];
            VectorUniformKernels.INSTANCE.countIntervals(a, fa, n, ends, ends.length, ca);
            ScalarUniformKernels.INSTANCE.countIntervals(b, fb, n, ends, ends.length, cb);
            final String what = "countIntervals n=" + n + " ends=" + java.util.Arrays.toString(ends) + " seed " + (SEED + n);
            assertArrayEquals(cb, ca, what);
            assertEquals(n, java.util.Arrays.stream(ca).sum(), what);
        }
        // Both advanced the lanes and the fallback identically.
        final double[] ta = new double[8];
        final double[] tb = new double[8];
        VectorUniformKernels.INSTANCE.fillDoubles(a, ta, 8);
        ScalarUniformKernels.INSTANCE.fillDoubles(b, tb, 8);
        assertArrayEquals(tb, ta);
        assertEquals(fb.nextLong(), fa.nextLong());
    }

    /**
     * One call's counts are Multinomial(n, lengths / T): the count of the first interval follows
     * Binomial(n, ends[0] / T) over repeated calls (a chi-square on its whole pmf catches
     * dependence between the indices of one call as well as bias), and the totals over all calls fit the
     * lengths. T = 1431655766 makes a third of the words fall back.
     */
    @ParameterizedTest
    @ValueSource(ints = {100, 1431655766})
    void countIntervalsIsMultinomial(int total) {
        final int n = 37;
        final int[] ends = {(int) (0.3 * total), (int) (0.35 * total), total};
        final LxmLanes l = lanes(SEED);
        final var fallback = RandomSource.SPLIT_MIX_64.create(SEED);
        final int calls = 200_000;
        final long[] first = new long[n + 1];
        final long[] totals = new long[ends.length];
        final int[] out = new int[ends.length];
        for (int c = 0; c < calls; c++) {
            Kernels.uniform().countIntervals(l, fallback, n, ends, ends.length, out);
            first[out[0]]++;
            for (int i = 0; i < out.length; i++) {
                totals[i] += out[i];
            }
        }
        final double p = (double) ends[0] / total;
        final double[] pmf = new double[n + 1];
        final var binomial = org.apache.commons.statistics.distribution.BinomialDistribution.of(n, p);
        for (int k = 0; k <= n; k++) {
            pmf[k] = binomial.probability(k);
        }
        StatAssert.chiSquareFits("countIntervals first interval, T=" + total, SEED, first, pmf);
        final double[] share = new double[ends.length];
        for (int i = 0; i < ends.length; i++) {
            share[i] = ((double) ends[i] - (i == 0 ? 0 : ends[i - 1])) / total;
        }
        StatAssert.chiSquareFits("countIntervals totals, T=" + total, SEED, totals, share);
    }

    @Test
    void indicesAreUniform() {
        final LxmLanes l = lanes(SEED);
        final int bound = 97;
        final int[] out = new int[1 << 20];
        Kernels.uniform().fillIndices(l, out, out.length, bound);
        final long[] counts = new long[bound];
        for (int v : out) {
            counts[v]++;
        }
        final double[] p = new double[bound];
        java.util.Arrays.fill(p, 1.0 / bound);
        StatAssert.chiSquareFits("fillIndices(" + bound + ") via " + Kernels.uniform().name(), SEED, counts, p);
    }

    @Test
    void providerChoosesVectorKernelsWhenModulePresent() throws InterruptedException {
        assertEquals(VectorUniformKernels.INSTANCE.name(), Kernels.uniform().name(), "surefire runs with --add-modules jdk.incubator.vector");
        final WarmingUniformKernels warming = (WarmingUniformKernels) Kernels.uniform();
        warming.fillDoubles(lanes(SEED), new double[8], 8); // first use starts the warm-up
        final long deadline = System.nanoTime() + 30_000_000_000L;
        while (!warming.ready() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertTrue(warming.ready(), "the Vector API kernels take over once compiled");
    }

    /** Switching from the scalar twin to the Vector API kernels mid-stream changes no value. */
    @Test
    void switchingImplementationsMidStreamChangesNothing() {
        final LxmLanes a = lanes(SEED);
        final LxmLanes b = lanes(SEED);
        final double[] first = new double[64];
        final double[] second = new double[64];
        ScalarUniformKernels.INSTANCE.fillDoubles(a, first, 61);
        VectorUniformKernels.INSTANCE.fillDoubles(a, second, 61);
        final double[] all = new double[128];
        ScalarUniformKernels.INSTANCE.fillDoubles(b, all, 128);
        for (int j = 0; j < 64; j++) {
            assertEquals(all[j], first[j]);
            assertEquals(all[64 + j], second[j]);
        }
    }
}
