package org.modelcollapse.lm;

/**
 * The words of a context in order of descending probability, produced lazily: the merge of one ranked
 * stream per level of the context's suffix chain h_K, h_{K-1}, ..., h_0 = root. A word belongs to the
 * deepest context it followed: there P(w | h_K) = Gamma_j P(w | h_j), Gamma_j the product of gamma over the
 * deeper contexts, and the level-j stream skips the children of h_{j+1} (which deeper levels produce).
 * Each stream is sorted ({@link RankedChildren}), so the merge is too, and the first m words cost about
 * m merge steps plus one binary search per skipped word. Words of probability 0 are never produced.
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

    CandidateStream(NgramModel model, RankedChildren ranked) {
        this.model = model;
        this.ranked = ranked;
        final int n = model.order();
        context = new int[n];
        scale = new double[n];
        position = new int[n];
        end = new int[n];
    }

    /** Starts at the most probable word of the context {@code state} holds. */
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
            skipExcluded(j);
        }
    }

    /**
     * Moves to the next word.
     *
     * @return false when no word of positive probability is left
     */
    boolean next() {
        int best = -1;
        double bestValue = 0;
        for (int j = top; j >= 0; j--) {
            if (position[j] < end[j] && scale[j] > 0) {
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
        word = model.trie().word(best + 1)[ranked.rank(best + 1)[position[best]]];
        probability = bestValue;
        position[best]++;
        skipExcluded(best);
        return true;
    }

    /** @return the current word (after {@link #next} returned true) */
    int word() {
        return word;
    }

    /** @return P(word | context) */
    double probability() {
        return probability;
    }

    private void skipExcluded(int j) {
        final NgramTrie trie = model.trie();
        final int[] words = trie.word(j + 1);
        final int[] r = ranked.rank(j + 1);
        final int bos = model.vocabulary();
        while (position[j] < end[j]) {
            final int w = words[r[position[j]]];
            if (w != bos && (j == top || trie.child(j + 1, context[j + 1], w) < 0)) {
                return;
            }
            position[j]++;
        }
    }
}
