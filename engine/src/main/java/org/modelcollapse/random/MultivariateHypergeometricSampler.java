package org.modelcollapse.random;

import org.apache.commons.rng.UniformRandomProvider;

/**
 * Draws without replacement from a population of labelled items, as counts per label: label i
 * receives Hypergeometric(remaining population, items of label i, remaining draws), the
 * conditional decomposition of the multivariate hypergeometric distribution (the analogue of
 * Davis's conditional-binomial multinomial). Cost O(labels) draws, independent of the population.
 */
public final class MultivariateHypergeometricSampler {
    private final HypergeometricSampler hypergeometric;

    private MultivariateHypergeometricSampler(HypergeometricSampler hypergeometric) {
        this.hypergeometric = hypergeometric;
    }

    /** @return a sampler drawing from {@code rng} */
    public static MultivariateHypergeometricSampler of(UniformRandomProvider rng) {
        return new MultivariateHypergeometricSampler(HypergeometricSampler.of(rng));
    }

    /**
     * @param draws items to take, at most {@code total}
     * @param labels Not modified. Label ids, {@code count} of them.
     * @param items Not modified. Indexed by label id: integral item counts.
     * @param total sum of the listed counts
     * @param out Modified: {@code out[i]} receives the number of items of {@code labels[i]} taken.
     */
    public void sample(int draws, int[] labels, int count, double[] items, double total, int[] out) {
        long remaining = draws;
        long population = (long) total;
        int i = 0;
        for (; i < count - 1 && remaining > 0; i++) {
            final long k = (long) items[labels[i]];
            final long x = hypergeometric.sampleUnchecked(population, k, remaining);
            out[i] = (int) x;
            remaining -= x;
            population -= k;
        }
        if (i < count) {
            out[i++] = (int) remaining;
        }
        for (; i < count; i++) {
            out[i] = 0;
        }
    }
}
