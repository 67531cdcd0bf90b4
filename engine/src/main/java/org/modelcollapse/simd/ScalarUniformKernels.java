package org.modelcollapse.simd;

import org.apache.commons.rng.UniformRandomProvider;

/** Plain-loop twin of {@link VectorUniformKernels}: the reference the SIMD kernels are tested against. */
public final class ScalarUniformKernels implements UniformKernels {
    /** The one instance. */
    public static final ScalarUniformKernels INSTANCE = new ScalarUniformKernels();

    private static final double TWO_POW_M53 = 0x1.0p-53;

    private ScalarUniformKernels() {}

    @Override
    public void fillDoubles(LxmLanes lanes, double[] out, int n) {
        for (int base = 0; base < n; base += LxmLanes.LANES) {
            for (int i = 0; i < LxmLanes.LANES; i++) {
                out[base + i] = (next(lanes, i) >>> 11) * TWO_POW_M53;
            }
        }
    }

    @Override
    public void fillIndices(LxmLanes lanes, int[] out, int n, int bound) {
        final double scale = bound * TWO_POW_M53;
        final int max = bound - 1;
        for (int base = 0; base < n; base += LxmLanes.LANES) {
            for (int i = 0; i < LxmLanes.LANES; i++) {
                out[base + i] = Math.min((int) ((next(lanes, i) >>> 11) * scale), max);
            }
        }
    }

    @Override
    public void countIntervals(LxmLanes lanes, UniformRandomProvider fallback, int n, int[] ends, int intervals, int[] out) {
        java.util.Arrays.fill(out, 0, intervals, 0);
        final long total = ends[intervals - 1];
        final int cuts = intervals - 1;
        int rejected = 0;
        final int bits = total <= IntervalCounts.SHORT_TOTAL_MAX ? 16 : 32;
        final int words = 64 / bits;
        final long mask = (1L << bits) - 1;
        final long q = IntervalCounts.wordsPerIndex((int) total, bits);
        for (int base = 0; base < n; base += words * LxmLanes.LANES) {
            for (int i = 0; i < LxmLanes.LANES; i++) {
                final long z = next(lanes, i);
                for (int k = 0; k < words && base + words * i + k < n; k++) {
                    rejected += tally(z >>> (bits * k) & mask, q, ends, cuts, out);
                }
            }
        }
        // Interval counts to counts below each end, the form the vector kernels produce.
        for (int c = 1; c < cuts; c++) {
            out[c] += out[c - 1];
        }
        IntervalCounts.finish(fallback, n, rejected, ends, intervals, out);
    }

    /**
     * Counts word x in its interval's {@code out} entry, or returns 1 if x &gt;= q T rejects it. The
     * interval is the number of ends e with x &gt;= e q, i.e. index floor(x / q) &gt;= e.
     */
    private static int tally(long x, long q, int[] ends, int cuts, int[] out) {
        if (x >= q * ends[cuts]) {
            return 1;
        }
        int interval = 0;
        for (int c = 0; c < cuts; c++) {
            interval += x >= ends[c] * q ? 1 : 0;
        }
        out[interval]++;
        return 0;
    }

    /** One L64X128Mix step of lane {@code i}, as in Commons RNG's {@code L64X128Mix.next()}. */
    static long next(LxmLanes l, int i) {
        final long s0 = l.x0[i];
        final long s = l.lcg[i];
        final long z = LxmLanes.lea64(s + s0);
        l.lcg[i] = LxmLanes.M * s + l.add[i];
        long s1 = l.x1[i] ^ s0;
        l.x0[i] = Long.rotateLeft(s0, 24) ^ s1 ^ (s1 << 16);
        l.x1[i] = Long.rotateLeft(s1, 37);
        return z;
    }

    @Override
    public String name() {
        return "scalar";
    }
}
