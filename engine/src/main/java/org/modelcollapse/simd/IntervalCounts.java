package org.modelcollapse.simd;

import org.apache.commons.rng.UniformRandomProvider;

/** The parts of {@link UniformKernels#countIntervals} that both implementations share. */
final class IntervalCounts {
    /**
     * Largest T drawn from 16-bit words: fewer than T / 2^16 of them are rejected (under 0.4%,
     * 0.05% at T = 100), each rejection costing a scalar {@code nextInt}; larger T take 32-bit
     * words, which are rejected less than T / 2^32 of the time.
     */
    static final int SHORT_TOTAL_MAX = 1 << 8;
    /** Indices per lane step from 16-bit words (four per lane). */
    static final int SHORT_INDICES_PER_STEP = 4 * LxmLanes.LANES;
    /** Indices per lane step from 32-bit words (two per lane). */
    static final int WIDE_INDICES_PER_STEP = 2 * LxmLanes.LANES;

    private IntervalCounts() {}

    /**
     * @param total T in [1, 2^31)
     * @param bits word width w, 16 (for T up to {@value #SHORT_TOTAL_MAX}) or 32
     * @return q = floor(2^w / T): each index in [0, T) takes q of the 2^w words, those at or beyond q T are rejected
     */
    static long wordsPerIndex(int total, int bits) {
        return (1L << bits) / total;
    }

    /** @return lane steps that drawing n indices from [0, T) takes */
    static int steps(int n, int total) {
        final int perStep = total <= SHORT_TOTAL_MAX ? SHORT_INDICES_PER_STEP : WIDE_INDICES_PER_STEP;
        return (n + perStep - 1) / perStep;
    }

    /**
     * Turns counts below each interval end (in {@code out[0..intervals - 1)}, over the accepted
     * indices) into interval counts and adds the rejected indices' replacements.
     *
     * @param out Modified.
     */
    static void finish(UniformRandomProvider fallback, int n, int rejected, int[] ends, int intervals, int[] out) {
        final int cuts = intervals - 1;
        final int accepted = n - rejected;
        if (cuts > 0) {
            out[cuts] = accepted - out[cuts - 1];
            for (int c = cuts - 1; c > 0; c--) {
                out[c] -= out[c - 1];
            }
        } else {
            out[0] = accepted;
        }
        addFallbacks(fallback, rejected, ends, intervals, out);
    }

    /**
     * Adds {@code rejected} indices drawn by {@code fallback.nextInt(T)} to their intervals.
     *
     * @param out Modified: interval counts.
     */
    private static void addFallbacks(UniformRandomProvider fallback, int rejected, int[] ends, int intervals, int[] out) {
        for (int r = 0; r < rejected; r++) {
            out[intervalOf(fallback.nextInt(ends[intervals - 1]), ends)]++;
        }
    }

    /** @return the interval i with ends[i - 1] &lt;= index &lt; ends[i], for an index below the last end */
    static int intervalOf(long index, int[] ends) {
        int i = 0;
        while (index >= ends[i]) {
            i++;
        }
        return i;
    }
}
