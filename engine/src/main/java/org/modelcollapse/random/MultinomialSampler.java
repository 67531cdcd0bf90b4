package org.modelcollapse.random;

import org.apache.commons.rng.UniformRandomProvider;

/**
 * Multinomial(n, p) over a list of categories by conditional binomials (C. S. Davis, "The computer
 * generation of multinomial random variates", Comput. Statist. Data Anal. 16 (1993) 205–217,
 * doi:10.1016/0167-9473(93)90115-A): category i receives Binomial(remaining trials, w_i / remaining
 * weight). Only the listed categories are visited and the walk stops once no trials remain, so the
 * cost is O(listed categories) with a binomial each, independent of n.
 *
 * <p>Consumes the uniforms of a {@link BinomialSampler}. Not thread-safe.
 */
public final class MultinomialSampler {
    private final BinomialSampler binomial;

    private MultinomialSampler(BinomialSampler binomial) {
        this.binomial = binomial;
    }

    /** @return a sampler drawing from {@code rng} */
    public static MultinomialSampler of(UniformRandomProvider rng) {
        return new MultinomialSampler(BinomialSampler.of(rng));
    }

    /**
     * Draws counts for {@code count} categories {@code states[0..count)} with unnormalised weights
     * {@code weights[states[i]]} summing to {@code total}.
     *
     * @param trials n &gt;= 0
     * @param states Not modified. Category ids; their weights must be &gt; 0.
     * @param count number of listed categories, &gt;= 1 when trials &gt; 0
     * @param weights Not modified. Indexed by category id.
     * @param total sum of the listed weights
     * @param out Modified: {@code out[i]} receives the count of {@code states[i]}, for i &lt; count.
     */
    public void sample(int trials, int[] states, int count, double[] weights, double total, int[] out) {
        int remaining = trials;
        double mass = total;
        int i = 0;
        for (; i < count - 1 && remaining > 0; i++) {
            final double w = weights[states[i]];
            final int x = binomial.sampleUnchecked(remaining, Math.min(1, w / mass));
            out[i] = x;
            remaining -= x;
            mass -= w;
        }
        if (i < count) {
            out[i++] = remaining;
        }
        for (; i < count; i++) {
            out[i] = 0;
        }
    }
}
