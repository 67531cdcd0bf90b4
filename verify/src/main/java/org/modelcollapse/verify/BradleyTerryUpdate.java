package org.modelcollapse.verify;

/**
 * The infinite-sample update of K-way Bradley–Terry curation (Ferbach et al. 2024, arXiv:2407.09499,
 * SPEC §6): p'(x) = p(x) E[K e^(r(x)) / (e^(r(x)) + sum_(j=2..K) e^(r(x_j)))], x_j ~ p iid. Exact, by
 * enumerating the multisets of the K - 1 other candidates with their multinomial probabilities
 * (C(n + K - 2, K - 1) of them over n states with p &gt; 0: for small problems only). Independent of the
 * engine's sampler: this is what a curated point's distribution must be.
 */
public final class BradleyTerryUpdate {
    private BradleyTerryUpdate() {}

    /**
     * @param p Not modified. A distribution over the states.
     * @param rewards Not modified. r(x), one per state.
     * @param k candidates K &gt;= 1 (K = 1 is no curation)
     * @return p', normalised
     */
    public static double[] update(double[] p, double[] rewards, int k) {
        final int n = p.length;
        double max = Double.NEGATIVE_INFINITY;
        for (double r : rewards) {
            max = Math.max(max, r);
        }
        final double[] strength = new double[n];
        for (int j = 0; j < n; j++) {
            strength[j] = Math.exp(rewards[j] - max); // e^r up to a common factor, which cancels in every ratio
        }
        final double[] expectation = new double[n];
        enumerate(p, strength, k, 0, k - 1, logFactorial(k - 1), 0, expectation);
        final double[] out = new double[n];
        for (int x = 0; x < n; x++) {
            out[x] = p[x] * expectation[x];
        }
        return out;
    }

    /**
     * Adds, for every x, P(multiset) K s_x / (s_x + S) over the multisets that give states from
     * {@code state} on the {@code left} remaining candidates.
     *
     * @param logWeight ln of the multinomial coefficient and probability of the candidates placed so far
     * @param sum S, the strengths of the candidates placed so far
     */
    private static void enumerate(double[] p, double[] s, int k, int state, int left, double logWeight, double sum, double[] acc) {
        if (state == p.length - 1 || left == 0) {
            if (left > 0 && p[state] == 0) {
                return; // the remaining candidates would have to be a state of probability 0
            }
            final double weight = Math.exp(logWeight + (left == 0 ? 0 : left * Math.log(p[state]) - logFactorial(left)));
            final double total = sum + left * s[state];
            for (int x = 0; x < p.length; x++) {
                acc[x] += weight * k * s[x] / (s[x] + total);
            }
            return;
        }
        for (int c = 0; c <= left; c++) {
            if (c > 0 && p[state] == 0) {
                break;
            }
            final double w = logWeight + (c == 0 ? 0 : c * Math.log(p[state])) - logFactorial(c);
            enumerate(p, s, k, state + 1, left - c, w, sum + c * s[state], acc);
        }
    }

    private static double logFactorial(int n) {
        double f = 0;
        for (int i = 2; i <= n; i++) {
            f += Math.log(i);
        }
        return f;
    }

    /** @return the K → ∞ limit of one update, p e^r / E_p[e^r] (so that p_t ∝ p_0 e^(t r)) */
    public static double[] limit(double[] p, double[] rewards) {
        double max = Double.NEGATIVE_INFINITY;
        for (double r : rewards) {
            max = Math.max(max, r);
        }
        final double[] out = new double[p.length];
        double total = 0;
        for (int j = 0; j < p.length; j++) {
            out[j] = p[j] * Math.exp(rewards[j] - max);
            total += out[j];
        }
        for (int j = 0; j < p.length; j++) {
            out[j] /= total;
        }
        return out;
    }
}
