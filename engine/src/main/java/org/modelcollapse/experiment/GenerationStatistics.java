package org.modelcollapse.experiment;

import java.util.Arrays;

/**
 * Streaming mean and sum of squared deviations of every metric at every generation (Welford's
 * update; B. P. Welford, Technometrics 4 (1962) 419–420), mergeable with the pairwise update of
 * T. F. Chan, G. H. Golub and R. J. LeVeque, "Updating formulae and a pairwise algorithm for
 * computing sample variances" (1979). Infinite values (a KL divergence to a distribution with
 * zeros) are counted apart so that they do not turn the moments into NaN. Grows with the number
 * of generations; never shrinks.
 */
public final class GenerationStatistics {
    private final int metrics;
    private int generations;
    private long[] count = new long[0];
    private double[] mean = new double[0];
    private double[] m2 = new double[0];
    private long[] positiveInfinite = new long[0];

    /** @param metrics number of metrics per generation */
    public GenerationStatistics(int metrics) {
        this.metrics = metrics;
    }

    /** @return one more than the highest generation recorded */
    public int generations() {
        return generations;
    }

    /**
     * Adds one replicate's metrics at generation {@code g}.
     *
     * @param x Not modified. {@code metrics} values.
     */
    public void add(int g, double[] x) {
        ensure(g + 1);
        final long n = ++count[g];
        final double inv = 1.0 / n;
        final int base = g * metrics;
        for (int k = 0; k < metrics; k++) {
            final double v = x[k];
            if (v == Double.POSITIVE_INFINITY) {
                positiveInfinite[base + k]++;
                continue;
            }
            final int i = base + k;
            final double d = v - mean[i];
            mean[i] += d * inv;
            m2[i] += d * (v - mean[i]);
        }
    }

    /** Merges {@code other} into this, generation by generation. */
    public void merge(GenerationStatistics other) {
        ensure(other.generations);
        for (int g = 0; g < other.generations; g++) {
            final long nb = other.count[g];
            if (nb == 0) {
                continue;
            }
            final long na = count[g];
            final long n = na + nb;
            count[g] = n;
            for (int k = 0; k < metrics; k++) {
                final int i = g * metrics + k;
                positiveInfinite[i] += other.positiveInfinite[i];
                final double d = other.mean[i] - mean[i];
                mean[i] += d * nb / n;
                m2[i] += other.m2[i] + d * d * ((double) na * nb / n);
            }
        }
    }

    /** Merges a single accumulator's moments (n, mean, m2 per metric) into generation {@code g}. */
    void mergeAt(int g, long nb, double[] meanB, double[] m2B, long[] infB) {
        if (nb == 0) {
            return;
        }
        ensure(g + 1);
        final long na = count[g];
        final long n = na + nb;
        count[g] = n;
        for (int k = 0; k < metrics; k++) {
            final int i = g * metrics + k;
            positiveInfinite[i] += infB[k];
            final double d = meanB[k] - mean[i];
            mean[i] += d * nb / n;
            m2[i] += m2B[k] + d * d * ((double) na * nb / n);
        }
    }

    /** @return number of replicates recorded at generation g */
    public long count(int g) {
        return g < generations ? count[g] : 0;
    }

    /** @return mean of metric k at generation g (+infinity if any replicate's value was) */
    public double mean(int g, int k) {
        final int i = g * metrics + k;
        return positiveInfinite[i] > 0 ? Double.POSITIVE_INFINITY : mean[i];
    }

    /** @return standard error of the mean of metric k at generation g (NaN below two replicates or with infinities) */
    public double standardError(int g, int k) {
        final int i = g * metrics + k;
        final long n = count[g];
        if (n < 2 || positiveInfinite[i] > 0) {
            return Double.NaN;
        }
        return Math.sqrt(Math.max(0, m2[i]) / (n - 1) / n);
    }

    private void ensure(int g) {
        if (g > generations) {
            if (g > count.length) {
                final int cap = Math.max(g, Math.max(16, 2 * count.length));
                count = Arrays.copyOf(count, cap);
                mean = Arrays.copyOf(mean, cap * metrics);
                m2 = Arrays.copyOf(m2, cap * metrics);
                positiveInfinite = Arrays.copyOf(positiveInfinite, cap * metrics);
            }
            generations = g;
        }
    }
}
