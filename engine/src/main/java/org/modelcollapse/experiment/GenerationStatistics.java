package org.modelcollapse.experiment;

import java.util.Arrays;

/**
 * Mean and sum of squared deviations of every metric at every generation, built by merging blocks
 * of replicates ({@link BlockMoments}) with the pairwise update of T. F. Chan, G. H. Golub and
 * R. J. LeVeque, "Updating formulae and a pairwise algorithm for computing sample variances" (1979).
 * Infinite values (a KL divergence to a distribution with zeros, ln det of a singular covariance) are
 * counted apart so that they do not turn the moments into NaN. The rule for a mean over values of
 * which some are infinite: +infinity if any is +infinity, -infinity if any is -infinity, NaN if both
 * occur; its standard error is then NaN (undefined). Grows with the number of generations; never shrinks.
 */
public final class GenerationStatistics {
    private final int metrics;
    private int generations;
    private long[] count = new long[0];
    private double[] mean = new double[0];
    private double[] m2 = new double[0];
    private long[] positiveInfinite = new long[0];
    private long[] negativeInfinite = new long[0];

    /** @param metrics number of metrics per generation */
    public GenerationStatistics(int metrics) {
        this.metrics = metrics;
    }

    /** @return one more than the highest generation recorded */
    public int generations() {
        return generations;
    }

    /** Merges a block's sums into this, generation by generation. */
    void merge(BlockMoments block) {
        ensure(block.generations());
        for (int g = 0; g < block.generations(); g++) {
            final long nb = block.count(g);
            if (nb == 0) {
                continue;
            }
            final long na = count[g];
            count[g] = na + nb;
            for (int k = 0; k < metrics; k++) {
                combine(g * metrics + k, na, nb, block.mean(g, k), block.squaredDeviations(g, k), block.positiveInfinite(g, k),
                        block.negativeInfinite(g, k));
            }
        }
    }

    /** Merges a single accumulator's moments (n, mean, m2 per metric) into generation {@code g}. */
    void mergeAt(int g, long nb, double[] meanB, double[] m2B, long[] infB, long[] negInfB) {
        if (nb == 0) {
            return;
        }
        ensure(g + 1);
        final long na = count[g];
        count[g] = na + nb;
        for (int k = 0; k < metrics; k++) {
            combine(g * metrics + k, na, nb, meanB[k], m2B[k], infB[k], negInfB[k]);
        }
    }

    /** Chan et al.'s pairwise update of cell i (na values) with nb values of mean meanB and squared deviations m2B. */
    private void combine(int i, long na, long nb, double meanB, double m2B, long infB, long negInfB) {
        final long n = na + nb;
        positiveInfinite[i] += infB;
        negativeInfinite[i] += negInfB;
        final double d = meanB - mean[i];
        mean[i] += d * nb / n;
        m2[i] += m2B + d * d * ((double) na * nb / n);
    }

    /** @return number of replicates recorded at generation g */
    public long count(int g) {
        return g < generations ? count[g] : 0;
    }

    /** @return mean of metric k at generation g (infinite or NaN by the rule of the class comment) */
    public double mean(int g, int k) {
        final int i = g * metrics + k;
        if (positiveInfinite[i] > 0) {
            return negativeInfinite[i] > 0 ? Double.NaN : Double.POSITIVE_INFINITY;
        }
        return negativeInfinite[i] > 0 ? Double.NEGATIVE_INFINITY : mean[i];
    }

    /** @return standard error of the mean of metric k at generation g (NaN below two replicates or with infinities) */
    public double standardError(int g, int k) {
        final int i = g * metrics + k;
        final long n = count[g];
        if (n < 2 || positiveInfinite[i] > 0 || negativeInfinite[i] > 0) {
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
                negativeInfinite = Arrays.copyOf(negativeInfinite, cap * metrics);
            }
            generations = g;
        }
    }
}
