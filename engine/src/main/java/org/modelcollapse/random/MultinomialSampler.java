package org.modelcollapse.random;

import org.apache.commons.rng.UniformRandomProvider;

/**
 * Multinomial(n, p) over a list of categories by conditional binomials (C. S. Davis, "The computer
 * generation of multinomial random variates", Comput. Statist. Data Anal. 16 (1993) 205–217,
 * doi:10.1016/0167-9473(93)90115-A). The cost is one binomial per listed category, independent
 * of n.
 *
 * <p>Few categories are visited in order (category i receives Binomial(remaining trials,
 * w_i / remaining weight)), stopping once no trials remain. From {@value #TREE_MIN} categories on,
 * the conditioning follows a balanced binary tree instead: a node's trials split between its
 * halves by Binomial(trials, weight of left half / weight of node), which is the same distribution
 * (the multinomial's grouping property), but the binomials of one tree level do not depend on each
 * other, so the processor overlaps them instead of waiting for each in turn; subtrees without
 * trials are skipped. Node weights are summed pairwise from the leaves, exactly for integral weights.
 *
 * <p>Consumes the uniforms of a {@link BinomialSampler}. Buffers grow to the largest list and
 * never shrink. Not thread-safe.
 */
public final class MultinomialSampler {
    /** Lists at least this long use the tree. */
    public static final int TREE_MIN = 16;

    private final BinomialSampler binomial;
    /** Implicit complete binary tree: node i has children 2i and 2i+1; leaves start at {@code leaves}. */
    private double[] weight = new double[0];
    private int[] trials = new int[0];

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
        if (count >= TREE_MIN) {
            sampleTree(trials, states, count, weights, out);
        } else {
            continueSequential(trials, 0, states, count, weights, total, out);
        }
    }

    /**
     * Completes a draw whose first count is already known (drawn elsewhere from Binomial(trials,
     * w_0 / total)): the other categories share the remaining trials by conditional binomials, in
     * order, as {@link #sample} does for fewer than {@value #TREE_MIN} categories.
     *
     * @param first the first category's count, in [0, trials]
     * @param out Modified: {@code out[0] = first}, {@code out[i]} the count of {@code states[i]}.
     */
    public void sampleAfterFirst(int trials, int first, int[] states, int count, double[] weights, double total, int[] out) {
        out[0] = first;
        continueSequential(trials - first, 1, states, count, weights, total - weights[states[0]], out);
    }

    /** Conditional binomials for categories {@code from..count} sharing {@code trials} trials and weight {@code total}. */
    private void continueSequential(int trials, int from, int[] states, int count, double[] weights, double total, int[] out) {
        int remaining = trials;
        double mass = total;
        int i = from;
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

    private void sampleTree(int n, int[] states, int count, double[] weights, int[] out) {
        final int leaves = Integer.highestOneBit(count - 1) << 1;
        if (weight.length < 2 * leaves) {
            weight = new double[2 * leaves];
            trials = new int[2 * leaves];
        }
        final double[] w = weight;
        final int[] t = trials;
        for (int i = 0; i < count; i++) {
            w[leaves + i] = weights[states[i]];
        }
        for (int i = leaves + count; i < 2 * leaves; i++) {
            w[i] = 0;
        }
        for (int i = leaves - 1; i >= 1; i--) {
            w[i] = w[2 * i] + w[2 * i + 1];
        }
        t[1] = n;
        // Level by level, so that one level's binomials are independent of each other.
        for (int first = 1; first < leaves; first <<= 1) {
            for (int i = first; i < 2 * first; i++) {
                final int ti = t[i];
                final int left = ti == 0 ? 0 : split(ti, w[2 * i], w[i]);
                t[2 * i] = left;
                t[2 * i + 1] = ti - left;
            }
        }
        System.arraycopy(t, leaves, out, 0, count);
    }

    /** Trials going to the left child: Binomial(trials, left / node), exact when one side is empty. */
    private int split(int n, double left, double node) {
        if (left >= node) {
            return n;
        }
        return left == 0 ? 0 : binomial.sampleUnchecked(n, left / node);
    }
}
