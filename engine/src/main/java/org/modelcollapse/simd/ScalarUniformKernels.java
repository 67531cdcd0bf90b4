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
        if (total <= IntervalCounts.SHORT_TOTAL_MAX) {
            for (int base = 0; base < n; base += IntervalCounts.SHORT_INDICES_PER_STEP) {
                for (int i = 0; i < LxmLanes.LANES; i++) {
                    final long z = next(lanes, i);
                    final int half = 2 * LxmLanes.LANES;
                    rejected += tally(base + 2 * i < n, (z & 0xFFFF) * total, 16, ends, cuts, out)
                            + tally(base + 2 * i + 1 < n, (z >>> 32 & 0xFFFF) * total, 16, ends, cuts, out)
                            + tally(base + half + 2 * i < n, (z >>> 16 & 0xFFFF) * total, 16, ends, cuts, out)
                            + tally(base + half + 2 * i + 1 < n, (z >>> 48) * total, 16, ends, cuts, out);
                }
            }
        } else {
            for (int base = 0; base < n; base += IntervalCounts.WIDE_INDICES_PER_STEP) {
                for (int i = 0; i < LxmLanes.LANES; i++) {
                    final long z = next(lanes, i);
                    rejected += tally(base + i < n, (z & IntervalCounts.LOW) * total, 32, ends, cuts, out)
                            + tally(base + LxmLanes.LANES + i < n, (z >>> 32) * total, 32, ends, cuts, out);
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
     * Counts the index of the product x T of a word x of the given width in its interval's
     * {@code out} entry, or returns 1 if Lemire's test rejects it; does nothing for an index beyond
     * n. The interval is the count of the ends at or below the index.
     */
    private static int tally(boolean wanted, long product, int bits, int[] ends, int cuts, int[] out) {
        if (!wanted) {
            return 0;
        }
        final long low = product & ((1L << bits) - 1);
        if (low < ends[cuts] && low < IntervalCounts.rejectionThreshold(ends[cuts], bits)) {
            return 1;
        }
        final long index = product >>> bits;
        int interval = 0;
        for (int c = 0; c < cuts; c++) {
            interval += index >= ends[c] ? 1 : 0;
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
