package org.modelcollapse.experiment;

import java.util.Arrays;

/**
 * Sums of every metric at every generation over one block of replicates, shifted by the block's
 * first value at that (generation, metric): the "shifted data" algorithm of T. F. Chan, G. H. Golub
 * and R. J. LeVeque, "Algorithms for computing the sample variance: analysis and recommendations",
 * Amer. Statist. 37 (1983) 242–247. An update costs three flops per metric and no division, where
 * Welford's costs one division per update and a dependent chain per metric;
 * {@link GenerationStatistics#merge(BlockMoments)} turns the sums into a mean and a sum of squared
 * deviations. A block holds a few dozen replicates and the shift is one of their values, so the
 * sums lose no more digits than Welford's update would. Infinities are counted apart, as in
 * {@link GenerationStatistics}. Grows with the number of generations; never shrinks. Reusable:
 * {@link #clear()} costs O(generations), not O(generations x metrics), because a generation's
 * sums are initialised by its first value rather than zeroed in advance.
 */
final class BlockMoments {
    private final int metrics;
    private int generations;
    private long[] count;
    private double[] shift;
    private double[] sum;
    private double[] sumSquares;
    private long[] positiveInfinite;
    private long[] negativeInfinite;

    /**
     * @param metrics number of metrics per generation
     * @param expectedGenerations room to allocate now (blocks of one run reach similar lengths)
     */
    BlockMoments(int metrics, int expectedGenerations) {
        this.metrics = metrics;
        final int cap = Math.max(16, expectedGenerations);
        count = new long[cap];
        shift = new double[cap * metrics];
        sum = new double[cap * metrics];
        sumSquares = new double[cap * metrics];
        positiveInfinite = new long[cap * metrics];
        negativeInfinite = new long[cap * metrics];
    }

    /**
     * Adds one replicate's metrics at generation {@code g}.
     *
     * @param x Not modified. {@code metrics} values.
     */
    void add(int g, double[] x) {
        ensure(g + 1);
        final int base = g * metrics;
        if (count[g]++ == 0) {
            for (int k = 0; k < metrics; k++) {
                shift[base + k] = Double.isFinite(x[k]) ? x[k] : 0;
                sum[base + k] = 0;
                sumSquares[base + k] = 0;
                positiveInfinite[base + k] = 0;
                negativeInfinite[base + k] = 0;
            }
        }
        for (int k = 0; k < metrics; k++) {
            final int i = base + k;
            final double v = x[k];
            if (v == Double.POSITIVE_INFINITY) {
                positiveInfinite[i]++;
                continue;
            }
            if (v == Double.NEGATIVE_INFINITY) {
                negativeInfinite[i]++;
                continue;
            }
            final double d = v - shift[i];
            sum[i] += d;
            sumSquares[i] += d * d;
        }
    }

    /** Forgets every value, keeping the arrays: O(generations recorded). */
    void clear() {
        Arrays.fill(count, 0, generations, 0);
        generations = 0;
    }

    /** @return one more than the highest generation recorded */
    int generations() {
        return generations;
    }

    /** @return replicates recorded at generation g */
    long count(int g) {
        return count[g];
    }

    /** @return +infinite values of metric k at generation g */
    long positiveInfinite(int g, int k) {
        return positiveInfinite[g * metrics + k];
    }

    /** @return -infinite values of metric k at generation g */
    long negativeInfinite(int g, int k) {
        return negativeInfinite[g * metrics + k];
    }

    /** @return mean of metric k's finite values at generation g, taken over all {@link #count} replicates */
    double mean(int g, int k) {
        final int i = g * metrics + k;
        return shift[i] + sum[i] / count[g];
    }

    /** @return sum of squared deviations of metric k at generation g from {@link #mean} */
    double squaredDeviations(int g, int k) {
        final int i = g * metrics + k;
        return Math.max(0, sumSquares[i] - sum[i] * sum[i] / count[g]);
    }

    private void ensure(int g) {
        if (g > generations) {
            if (g > count.length) {
                final int cap = Math.max(g, 2 * count.length);
                count = Arrays.copyOf(count, cap);
                shift = Arrays.copyOf(shift, cap * metrics);
                sum = Arrays.copyOf(sum, cap * metrics);
                sumSquares = Arrays.copyOf(sumSquares, cap * metrics);
                positiveInfinite = Arrays.copyOf(positiveInfinite, cap * metrics);
                negativeInfinite = Arrays.copyOf(negativeInfinite, cap * metrics);
            }
            generations = g;
        }
    }
}
