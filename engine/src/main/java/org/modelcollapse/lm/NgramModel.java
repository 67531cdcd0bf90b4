package org.modelcollapse.lm;

import java.util.Arrays;

/**
 * An n-gram language model of order N over V words, fitted by counting ({@link NgramTrie}) and smoothed
 * ({@link Smoothing}); refitted in place, each generation, from the text the previous model generated.
 *
 * <p>Every smoothing is written in one interpolated form: for a context node h (a suffix of the history
 * that occurred) and its child hw, P(w | h) = alpha(hw) + gamma(h) P(w | h'), h' the suffix of h, and
 * P(w | h) = gamma(h) P(w | h') for a word that never followed h; below the root is the uniform
 * distribution 1/V. Kneser–Ney: alpha = max(c - D(c), 0) / sum c, gamma = sum min(D(c), c) / sum c.
 * Add-k: alpha = c / (c(h) + kV) and gamma = kV / (c(h) + kV) at the top order, passing straight to
 * the uniform distribution (lower orders have alpha = 0, gamma = 1). Maximum likelihood: alpha = c / sum
 * c, gamma = 0. A context without followers has gamma = 1. Each node's full probability P(w | h) is
 * computed once per fit ({@link #probability(int, int)}), so that scoring a token costs one binary
 * search where its n-gram occurred.
 *
 * <p>Modified Kneser–Ney's discounts where a count-of-counts vanishes (small or collapsed text, which this
 * engine meets by design): Y = n_1 / (n_1 + 2 n_2), taken as 0 when n_1 + 2 n_2 = 0; the term
 * (r + 1) Y n_{r+1} / n_r is 0 when Y = 0 or n_{r+1} = 0 and infinite when only n_r = 0; D_r is then
 * clamped to [0, r], so that no count loses more than itself.
 */
public final class NgramModel {
    private final int order;
    private final int vocabulary;
    private final NgramTrie trie;
    private final double[][] alpha;
    private final double[][] full;
    private final double[][] cumulative;
    private final double[][] gamma;
    private final double[][] discounts;
    private final long[] countOfCounts = new long[5];
    private final int[] contextChain;
    private final double[] chainScale;
    private Smoothing smoothing;

    /**
     * An unfitted model.
     *
     * @param order N, 1 to 5
     * @param vocabulary V &gt;= 1
     */
    public NgramModel(int order, int vocabulary) {
        trie = new NgramTrie(order, vocabulary);
        this.order = order;
        this.vocabulary = vocabulary;
        alpha = new double[order + 1][0];
        full = new double[order + 1][0];
        cumulative = new double[order + 1][0];
        gamma = new double[order][0];
        discounts = new double[order + 1][4];
        contextChain = new int[order];
        chainScale = new double[order];
    }

    /** @return N */
    public int order() {
        return order;
    }

    /** @return V */
    public int vocabulary() {
        return vocabulary;
    }

    /** @return the counts; not to be modified */
    public NgramTrie trie() {
        return trie;
    }

    /** @return the smoothing of the last fit */
    public Smoothing smoothing() {
        return smoothing;
    }

    /**
     * @return the discounts D_1, D_2, D_3+ of order k (index 1..3; Kneser–Ney only); a copy
     */
    public double[] discounts(int k) {
        return Arrays.copyOfRange(discounts[k], 1, 4);
    }

    /**
     * Counts {@code text} and smooths, replacing the previous fit.
     *
     * @param text Not modified.
     */
    public void fit(TokenBlocks text, Smoothing with) {
        trie.build(text);
        smooth(with);
    }

    /**
     * Counts blocks of any lengths and smooths, replacing the previous fit.
     *
     * @param tokens Not modified: the blocks end to end
     * @param ends Not modified: each block's end (exclusive), increasing
     */
    void fit(int[] tokens, int[] ends, Smoothing with) {
        trie.build(tokens, ends);
        smooth(with);
    }

    private void smooth(Smoothing with) {
        smoothing = with;
        for (int k = 1; k <= order; k++) {
            ensure(k);
            final int[] counts = levelCounts(k);
            if (with instanceof Smoothing.KneserNey kn) {
                chooseDiscounts(k, counts, kn);
            }
            weigh(k, counts);
        }
        for (int k = 1; k <= order; k++) {
            combine(k);
        }
    }

    /** The counts order k is smoothed from: raw at the top (and for the estimates without lower orders), continuation counts below. */
    private int[] levelCounts(int k) {
        return k == order || !(smoothing instanceof Smoothing.KneserNey) ? trie.count(k) : trie.continuation(k);
    }

    private void chooseDiscounts(int k, int[] counts, Smoothing.KneserNey kn) {
        final double[] d = discounts[k];
        if (kn.discounts() != null) {
            final double fixed = kn.discounts()[Math.min(k, kn.discounts().length) - 1];
            d[1] = fixed;
            d[2] = fixed;
            d[3] = fixed;
            return;
        }
        final long[] n = countOfCounts;
        Arrays.fill(n, 0);
        final int size = trie.nodes(k);
        for (int g = 0; g < size; g++) {
            final int c = counts[g];
            if (c >= 1 && c <= 4) {
                n[c]++;
            }
        }
        final double y = n[1] + 2 * n[2] == 0 ? 0 : n[1] / (double) (n[1] + 2 * n[2]);
        for (int r = 1; r <= 3; r++) {
            final double term = y == 0 || n[r + 1] == 0 ? 0 : n[r] == 0 ? Double.POSITIVE_INFINITY : (r + 1) * y * n[r + 1] / n[r];
            d[r] = Math.min(r, Math.max(0, r - term));
        }
    }

    /** alpha of level k's nodes and gamma of level k - 1's contexts. */
    private void weigh(int k, int[] counts) {
        final int contexts = trie.nodes(k - 1);
        final int[] first = trie.firstChild(k - 1);
        final double[] a = alpha[k];
        final double[] g = gamma[k - 1];
        final double[] d = discounts[k];
        final boolean top = k == order;
        final int bos = vocabulary;
        for (int h = 0; h < contexts; h++) {
            final int from = first[h];
            final int to = first[h + 1];
            if (smoothing instanceof Smoothing.AddK addK && !top) {
                Arrays.fill(a, from, to, 0);
                g[h] = 1;
                continue;
            }
            long total = 0;
            for (int i = from; i < to; i++) {
                total += counts[i];
            }
            switch (smoothing) {
                case Smoothing.KneserNey kn -> {
                    if (total == 0) {
                        Arrays.fill(a, from, to, 0);
                        g[h] = 1;
                        break;
                    }
                    double discounted = 0;
                    for (int i = from; i < to; i++) {
                        final int c = counts[i];
                        final double off = c == 0 ? 0 : Math.min(c, d[Math.min(c, 3)]);
                        discounted += off;
                        a[i] = (c - off) / total;
                    }
                    g[h] = discounted / total;
                }
                case Smoothing.AddK addK -> {
                    final double pseudo = addK.k() * vocabulary;
                    final double denominator = total + pseudo;
                    for (int i = from; i < to; i++) {
                        a[i] = counts[i] / denominator;
                    }
                    g[h] = pseudo / denominator;
                }
                case Smoothing.MaximumLikelihood _ -> {
                    for (int i = from; i < to; i++) {
                        a[i] = total == 0 ? 0 : counts[i] / (double) total;
                    }
                    g[h] = total == 0 ? 1 : 0;
                }
            }
        }
        if (k == 1) {
            a[bos] = 0;
        }
    }

    /** Full probabilities and the cumulative alphas of level k (the levels below it done). */
    private void combine(int k) {
        final int contexts = trie.nodes(k - 1);
        final int[] first = trie.firstChild(k - 1);
        final int[] suffix = trie.suffix(k);
        final int[] words = trie.word(k);
        final double[] a = alpha[k];
        final double[] f = full[k];
        final double[] c = cumulative[k];
        final double[] g = gamma[k - 1];
        final double[] below = k == 1 ? null : full[k - 1];
        final double uniform = 1.0 / vocabulary;
        for (int h = 0; h < contexts; h++) {
            final double weight = g[h];
            double sum = 0;
            for (int i = first[h], to = first[h + 1]; i < to; i++) {
                sum += a[i];
                c[i] = sum;
                f[i] = words[i] == vocabulary ? 0 : a[i] + weight * (below == null ? uniform : below[suffix[i]]);
            }
        }
    }

    private void ensure(int k) {
        final int size = trie.nodes(k);
        if (alpha[k].length < size) {
            final int capacity = Math.max(size, (int) Math.min(Integer.MAX_VALUE - 8, alpha[k].length * 3L / 2));
            alpha[k] = new double[capacity];
            full[k] = new double[capacity];
            cumulative[k] = new double[capacity];
        }
        final int contexts = trie.nodes(k - 1);
        if (gamma[k - 1].length < contexts) {
            gamma[k - 1] = new double[Math.max(contexts, (int) Math.min(Integer.MAX_VALUE - 8, gamma[k - 1].length * 3L / 2))];
        }
    }

    /** @return P(w | h) of level k's node g = hw, every order interpolated */
    public double probability(int k, int g) {
        return full[k][g];
    }

    /** @return alpha of level k's node (its own share of its context's distribution) */
    double alpha(int k, int g) {
        return alpha[k][g];
    }

    /** @return the alphas of level k's nodes summed in order within each context's range. Not to be modified. */
    double[] cumulativeAlpha(int k) {
        return cumulative[k];
    }

    /** @return gamma of level k's context node h (the mass passed to the lower order) */
    public double gamma(int k, int h) {
        return gamma[k][h];
    }

    /**
     * P(w | the context that {@code state} holds).
     *
     * @param state Not modified.
     */
    public double probability(Context state, int w) {
        int k = state.level;
        int h = state.node;
        double weight = 1;
        while (true) {
            final int g = trie.child(k, h, w);
            if (g >= 0) {
                return weight * full[k + 1][g];
            }
            weight *= gamma[k][h];
            h = trie.suffix(k)[h];
            k--;
        }
    }

    /**
     * P(w | the context {@code state} holds), appending w to it: the node found for the probability,
     * the longest n-gram (s, w) with s a suffix of the context, is the next context (or its suffix at the
     * top order), so one search serves both.
     *
     * @param state Modified.
     */
    public double scoreAndAppend(Context state, int w) {
        int k = state.level;
        int h = state.node;
        double weight = 1;
        while (true) {
            final int g = trie.child(k, h, w);
            if (g >= 0) {
                state.moveTo(k + 1, g);
                return weight * full[k + 1][g];
            }
            weight *= gamma[k][h];
            h = trie.suffix(k)[h];
            k--;
        }
    }

    /**
     * Writes P(w | the context {@code state} holds) for every word: O(V) plus the children of the
     * context's suffixes.
     *
     * @param state Not modified.
     * @param out Modified: V values.
     */
    public void fill(Context state, double[] out) {
        final int top = state.level;
        final int[] chain = contextChain;
        final double[] scale = chainScale;
        chain[top] = state.node;
        scale[top] = 1;
        for (int j = top - 1; j >= 0; j--) {
            chain[j] = trie.suffix(j + 1)[chain[j + 1]];
            scale[j] = scale[j + 1] * gamma[j + 1][chain[j + 1]];
        }
        final double[] unigram = full[1];
        for (int w = 0; w < vocabulary; w++) {
            out[w] = scale[0] * unigram[w];
        }
        for (int j = 1; j <= top; j++) {
            final int[] first = trie.firstChild(j);
            final int[] words = trie.word(j + 1);
            final double[] f = full[j + 1];
            for (int g = first[chain[j]], to = first[chain[j] + 1]; g < to; g++) {
                if (words[g] != vocabulary) {
                    out[words[g]] = scale[j] * f[g];
                }
            }
        }
    }

    /**
     * ln of the probability of each token of {@code tokens[from, to)} read as one block (its context
     * starts as BOS^(N-1)), summed.
     */
    public double logProbability(int[] tokens, int from, int to, Context scratch) {
        scratch.startBlock();
        double sum = 0;
        double product = 1;
        for (int i = from; i < to; i++) {
            // One logarithm per run of factors, taken before the product could leave the normal range.
            product *= scoreAndAppend(scratch, tokens[i]);
            if (product < 1e-250) {
                sum += Math.log(product);
                product = 1;
            }
        }
        return sum + Math.log(product);
    }

    /** @return a context holder for this model, at the start of a block */
    public Context newContext() {
        return new Context();
    }

    /**
     * The history as the model sees it: the longest suffix of the last N - 1 tokens that occurred in the
     * training text (a node of the trie), found from the previous one by suffix links, one binary search
     * per token where the n-gram occurred. Mutable; valid until the model's next fit.
     */
    public final class Context {
        int level;
        int node;

        private Context() {
            startBlock();
        }

        /** Sets the history to the start of a block: N - 1 BOS symbols. */
        public void startBlock() {
            level = order - 1;
            node = trie.bos(order - 1);
        }

        /** Sets the history to empty (before a prompt is appended: only its own tokens count). */
        public void clear() {
            level = 0;
            node = 0;
        }

        /** Copies another context of the same model. */
        public void set(Context other) {
            level = other.level;
            node = other.node;
        }

        /** @return the trie level (the length of the history kept) */
        public int level() {
            return level;
        }

        /** @return the trie node at {@link #level()} */
        public int node() {
            return node;
        }

        /**
         * Sets the history to level k's node g, or to its suffix if k is the model's order: the context after
         * a word whose n-gram g is the longest that occurred after a suffix of the previous context.
         */
        void moveTo(int k, int g) {
            if (k == order) {
                level = k - 1;
                node = trie.suffix(k)[g];
            } else {
                level = k;
                node = g;
            }
        }

        /** Appends token w to the history. */
        public void append(int w) {
            if (order == 1) {
                return;
            }
            int k = level;
            int h = node;
            if (k == order - 1) {
                h = trie.suffix(k)[h];
                k--;
            }
            while (true) {
                final int g = trie.child(k, h, w);
                if (g >= 0) {
                    level = k + 1;
                    node = g;
                    return;
                }
                h = trie.suffix(k)[h];
                k--;
            }
        }
    }
}
