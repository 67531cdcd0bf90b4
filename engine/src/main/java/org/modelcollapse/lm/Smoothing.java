package org.modelcollapse.lm;

/**
 * How an n-gram model turns counts into probabilities. Every choice gives, for every context, a
 * distribution over the V words that sums to 1 ({@link NgramModel}).
 */
public sealed interface Smoothing {
    /**
     * Interpolated Kneser–Ney (Kneser &amp; Ney 1995; Chen &amp; Goodman 1998, TR-10-98, §3.5):
     * P(w | h) = max(c(hw) - D(c(hw)), 0) / sum_v c(hv) + gamma(h) P(w | h'), h' the context without its
     * first word, with raw counts at the top order and continuation counts N1+(. hw) below, and the
     * recursion ending at the uniform distribution 1/V. gamma(h) = sum_v D(c(hv)) / sum_v c(hv) makes
     * the distribution sum to 1; a context without followers passes all its mass down (gamma = 1).
     *
     * @param discounts null for modified Kneser–Ney: per order, the three discounts D1, D2, D3+ estimated
     *     from the count-of-counts n_1..n_4 of that order's counts, Y = n_1 / (n_1 + 2 n_2) and
     *     D_r = r - (r + 1) Y n_{r+1} / n_r (Chen &amp; Goodman), with the rule of {@link NgramModel} where a
     *     count-of-counts is 0; otherwise one discount per order, {@code discounts[k - 1]} for order k, each in [0, 1]
     *     (NLTK's {@code KneserNeyInterpolated} is {0, D, D, ...}: no discount and no uniform floor at
     *     the unigram level). A discount never exceeds the count it is taken from.
     */
    record KneserNey(double[] discounts) implements Smoothing {
        /** Validates and copies. */
        public KneserNey {
            if (discounts != null) {
                discounts = discounts.clone();
                for (double d : discounts) {
                    if (!(d >= 0 && d <= 1)) {
                        throw new IllegalArgumentException("Kneser-Ney discount must be in [0, 1]: " + d);
                    }
                }
            }
        }

        /** @return modified Kneser–Ney with estimated discounts */
        public static KneserNey modified() {
            return new KneserNey(null);
        }

        /** @return one discount {@code d} at every order of an order-{@code n} model */
        public static KneserNey fixed(double d, int n) {
            final double[] all = new double[n];
            java.util.Arrays.fill(all, d);
            return new KneserNey(all);
        }
    }

    /**
     * Add-k (Lidstone): P(w | h) = (c(hw) + k) / (c(h) + k V) for the full context h of N - 1 words,
     * c(h) = 0 when h never occurred (then 1/V); no interpolation with lower orders.
     *
     * @param k &gt; 0 (k = 1 is Laplace's rule)
     */
    record AddK(double k) implements Smoothing {
        /** Validates. */
        public AddK {
            if (!(k > 0 && k < Double.POSITIVE_INFINITY)) {
                throw new IllegalArgumentException("add-k pseudo-count must be finite and > 0: " + k);
            }
        }
    }

    /**
     * None, the maximum-likelihood estimate: P(w | h) = c(hw) / c(h) for the longest suffix h of the
     * context that was followed by something (the full context when it was). Unseen words get
     * probability 0, so the perplexity of text holding one is infinite. At order 1 this is the
     * categorical chain fitted by counting, where the Wright–Fisher closed forms hold exactly.
     */
    record MaximumLikelihood() implements Smoothing {}
}
