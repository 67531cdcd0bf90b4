package org.modelcollapse.lm;

/**
 * The words of a context in order of descending probability, produced lazily: the merge of one ranked
 * stream per level of the context's suffix chain h_K, h_{K-1}, ..., h_0 = root. A word belongs to the
 * deepest context it followed: there P(w | h_K) = Gamma_j P(w | h_j), Gamma_j the product of gamma over the
 * deeper contexts, and the level-j stream skips the children of h_{j+1} (which deeper levels produce).
 * Each stream is sorted ({@link RankedChildren}), so the merge is too, and the first m words cost about
 * m merge steps plus one binary search per word a level passes over. Words of probability 0 are never
 * produced.
 * Reused: {@link #start} rebinds it to a context.
 */
final class CandidateStream {
    private final NgramModel model;
    private final RankedChildren ranked;
    private final int[] context;
    private final double[] scale;
    private final int[] position;
    private final int[] end;
    private int top;
    private int word;
    private double probability;
    private int level;
    private int node;

    CandidateStream(NgramModel model, RankedChildren ranked) {
        this.model = model;
        this.ranked = ranked;
        final int n = model.order();
        context = new int[n];
        scale = new double[n];
        position = new int[n];
        end = new int[n];
    }

    /** Starts before the most probable word of the context {@code state} holds. */
    void start(NgramModel.Context state) {
        final NgramTrie trie = model.trie();
        top = state.level();
        context[top] = state.node();
        scale[top] = 1;
        for (int j = top - 1; j >= 0; j--) {
            context[j] = trie.suffix(j + 1)[context[j + 1]];
            scale[j] = scale[j + 1] * model.gamma(j + 1, context[j + 1]);
        }
        for (int j = 0; j <= top; j++) {
            final int[] first = trie.firstChild(j);
            position[j] = first[context[j]];
            end[j] = first[context[j] + 1];
        }
    }

    /** @return {@link #next(double)} with no floor */
    boolean next() {
        return next(0);
    }

    /**
     * Moves to the next word, unless every word left has a probability of at most {@code floor}. A level's
     * skipped words (children of a deeper context) are found only when they reach the front: a level that
     * is never read costs nothing.
     *
     * @return false when no word of probability above the floor is left
     */
    boolean next(double floor) {
        final NgramTrie trie = model.trie();
        while (true) {
            int best = -1;
            double bestValue = floor;
            for (int j = top; j >= 0; j--) {
                if (position[j] < end[j]) {
                    final double v = scale[j] * model.probability(j + 1, ranked.rank(j + 1)[position[j]]);
                    if (v > bestValue) {
                        best = j;
                        bestValue = v;
                    }
                }
            }
            if (best < 0) {
                return false;
            }
            final int g = ranked.rank(best + 1)[position[best]++];
            final int w = trie.word(best + 1)[g];
            if (w != model.vocabulary() && (best == top || trie.child(best + 1, context[best + 1], w) < 0)) {
                word = w;
                probability = bestValue;
                level = best + 1;
                node = g;
                return true;
            }
        }
    }

    /** @return the current word (after {@link #next} returned true) */
    int word() {
        return word;
    }

    /** @return P(word | context) */
    double probability() {
        return probability;
    }

    /**
     * @return the trie level of the current word's n-gram: its longest occurrence after a suffix of the context
     *     (deeper contexts never had the word), so the context after the word ({@link NgramModel.Context#moveTo})
     */
    int level() {
        return level;
    }

    /** @return the node of the current word's n-gram at {@link #level()} */
    int node() {
        return node;
    }
}
