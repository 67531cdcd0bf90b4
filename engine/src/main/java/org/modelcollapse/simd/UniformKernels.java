package org.modelcollapse.simd;

import org.apache.commons.rng.UniformRandomProvider;

/**
 * Bulk uniform variates from {@link LxmLanes}. Two implementations give bit-identical output:
 * {@link ScalarUniformKernels} (plain loops) and {@link VectorUniformKernels} (Vector API);
 * {@link Kernels#uniform()} chooses one at start-up. Kernels do not validate arguments.
 *
 * <p>Kernels write whole blocks of {@value LxmLanes#LANES} values (no masked tails, which keeps
 * the compiled code free of rarely taken paths): {@code out} must hold {@link #padded(int)
 * padded(n)} elements, and values beyond n are to be ignored.
 */
public interface UniformKernels {
    /**
     * Fills {@code out[0..n)} with uniform doubles in [0, 1): {@code (z >>> 11) * 2^-53} for each
     * 64-bit output z.
     *
     * @param lanes Modified: advanced ceil(n / 8) steps.
     * @param out Modified: {@code padded(n)} values written.
     */
    void fillDoubles(LxmLanes lanes, double[] out, int n);

    /**
     * Fills {@code out[0..n)} with indices in [0, bound): {@code min(floor((z >>> 11) * (bound * 2^-53)), bound - 1)},
     * whose bias relative to a uniform index is below bound * 2^-53.
     *
     * @param lanes Modified: advanced ceil(n / 8) steps.
     * @param out Modified: {@code padded(n)} values written.
     * @param bound in [1, 2^31)
     */
    void fillIndices(LxmLanes lanes, int[] out, int n, int bound);

    /**
     * Draws {@code n} indices uniformly from [0, T), T = {@code ends[intervals - 1]}, and counts them
     * in the intervals [ends[i - 1], ends[i]) (ends[-1] = 0): a multinomial draw of n over the
     * intervals, with probabilities proportional to their lengths, in O(n (intervals + c)).
     *
     * <p>Each index comes from a w-bit word x of a lane's output: with q = floor(2^w / T), x is
     * rejected when x &gt;= q T, else its index is floor(x / q). Every index then has exactly q words,
     * so it is exactly uniform; fewer than T / 2^w of the words are rejected, as in D. Lemire, "Fast
     * random integer generation in an interval", ACM TOMACS 29 (2019) 3:1–3:12,
     * doi:10.1145/3230636, whose multiply-and-shift map this division map replaces because counting
     * then needs neither: floor(x / q) &lt; e exactly when x &lt; e q, so each interval end e is
     * compared with the words themselves. Each rejected index is replaced by
     * {@code fallback.nextInt(T)}, drawn after the lanes' words. For T up to 2^8, w = 16: at step s,
     * bits 16k..16k+15 of lane i's output (k = 0..3) are index 32 s + 4 i + k. For larger T, w = 32:
     * its low and high halves (k = 0, 1) are index 16 s + 2 i + k.
     *
     * @param lanes Modified: advanced ceil(n / indices per step) steps.
     * @param fallback Modified: one {@code nextInt(T)} per rejected index (fewer than n T / 2^w expected).
     * @param ends Not modified. Strictly increasing interval ends, the last one T in [1, 2^31).
     * @param intervals number of intervals, &gt;= 1
     * @param out Modified: {@code out[i]} receives the count of interval i, for i &lt; intervals.
     */
    void countIntervals(LxmLanes lanes, UniformRandomProvider fallback, int n, int[] ends, int intervals, int[] out);

    /** @return the lane steps {@link #countIntervals} takes for n indices from [0, T) */
    static int countSteps(int n, int total) {
        return IntervalCounts.steps(n, total);
    }

    /** @return n rounded up to a whole number of lane blocks: the capacity a fill of n needs */
    static int padded(int n) {
        return (n + LxmLanes.LANES - 1) / LxmLanes.LANES * LxmLanes.LANES;
    }

    /** @return a short name for logs and manifests */
    String name();
}
