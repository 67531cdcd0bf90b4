package org.modelcollapse.lm;

/**
 * Every context's children ordered by their full probability P(w | h), largest first (ties: smaller word
 * id first), computed once per fit for the decoders that need the most probable words rather than a
 * draw: greedy and beam search, top-k and top-p ({@link CandidateStream}). O(n log n) in the n-grams.
 * Buffers grow and never shrink.
 */
final class RankedChildren {
    private final NgramModel model;
    private final int[][] rank;

    RankedChildren(NgramModel model) {
        this.model = model;
        rank = new int[model.order() + 1][0];
    }

    /** Orders the model's current fit. */
    void update() {
        final NgramTrie trie = model.trie();
        for (int k = 1; k <= model.order(); k++) {
            final int size = trie.nodes(k);
            if (rank[k].length < size) {
                rank[k] = new int[Math.max(size, (int) Math.min(Integer.MAX_VALUE - 8, rank[k].length * 3L / 2))];
            }
            final int[] r = rank[k];
            for (int i = 0; i < size; i++) {
                r[i] = i;
            }
            final int[] first = trie.firstChild(k - 1);
            for (int h = 0, contexts = trie.nodes(k - 1); h < contexts; h++) {
                sort(r, first[h], first[h + 1] - 1, k);
            }
        }
    }

    /** @return level k's nodes, each context's range sorted by descending probability. Not to be modified. */
    int[] rank(int k) {
        return rank[k];
    }

    /** Quicksort of r[lo..hi] by (probability descending, node ascending); insertion sort below 16. */
    private void sort(int[] r, int lo, int hi, int k) {
        while (hi - lo >= 16) {
            final int pivot = r[(lo + hi) >>> 1];
            int i = lo;
            int j = hi;
            while (i <= j) {
                while (before(r[i], pivot, k)) {
                    i++;
                }
                while (before(pivot, r[j], k)) {
                    j--;
                }
                if (i <= j) {
                    final int t = r[i];
                    r[i++] = r[j];
                    r[j--] = t;
                }
            }
            if (j - lo < hi - i) {
                sort(r, lo, j, k);
                lo = i;
            } else {
                sort(r, i, hi, k);
                hi = j;
            }
        }
        for (int i = lo + 1; i <= hi; i++) {
            final int v = r[i];
            int j = i - 1;
            while (j >= lo && before(v, r[j], k)) {
                r[j + 1] = r[j];
                j--;
            }
            r[j + 1] = v;
        }
    }

    private boolean before(int a, int b, int k) {
        final double pa = model.probability(k, a);
        final double pb = model.probability(k, b);
        return pa > pb || (pa == pb && a < b);
    }
}
