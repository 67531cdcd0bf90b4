package org.modelcollapse.lm;

/**
 * What a generation's training text looks like, whatever model made it: its unigram distribution
 * (entropy, heterozygosity, words alive, the original unigram mass lost, as the categorical chain's
 * metrics), distinct-n (distinct n-grams over n-gram occurrences in the whole text; Li et al. 2016,
 * arXiv 1510.03055) and repetition-n (the share of a block's n-gram occurrences that repeat an earlier
 * n-gram of the same block: the paper's "repeated phrases"), for n = 1..4, n-grams within blocks only.
 * Counted through an {@link NgramTrie} of order 4 that keeps each token's nodes; allocation-free after
 * warm-up.
 */
final class TextStatistics {
    /** The largest n of distinct-n and repetition-n. */
    static final int LONGEST = 4;

    private final int vocabulary;
    private final NgramTrie trie;
    private final double[] original;
    private int[] everStamp = new int[0];
    private int[] blockStamp = new int[0];
    private int stamp;
    private long tokens;
    private final long[] unigram;
    private final double[] distinct = new double[LONGEST + 1];
    private final double[] repetition = new double[LONGEST + 1];

    /**
     * @param original Not modified: the original text, whose unigram distribution q the lost mass refers to
     */
    TextStatistics(int vocabulary, TokenBlocks original) {
        this.vocabulary = vocabulary;
        trie = new NgramTrie(LONGEST, vocabulary, true);
        unigram = new long[vocabulary];
        this.original = new double[vocabulary];
        measure(original);
        for (int w = 0; w < vocabulary; w++) {
            this.original[w] = unigram[w] / (double) tokens;
        }
    }

    /** Counts {@code text} (Not modified). */
    void measure(TokenBlocks text) {
        trie.build(text);
        tokens = text.size();
        final int[] counts = trie.count(1);
        for (int w = 0; w < vocabulary; w++) {
            unigram[w] = counts[w];
        }
        final int length = text.length();
        for (int n = 1; n <= LONGEST; n++) {
            if (n > length) {
                distinct[n] = Double.NaN;
                repetition[n] = Double.NaN;
                continue;
            }
            countRepeats(n, text.blocks(), length);
        }
    }

    private void countRepeats(int n, int blocks, int length) {
        final int size = trie.nodes(n);
        if (everStamp.length < size) {
            everStamp = new int[size];
            blockStamp = new int[size];
            stamp = 0;
        } else if (stamp > Integer.MAX_VALUE - blocks - 2) {
            java.util.Arrays.fill(everStamp, 0);
            java.util.Arrays.fill(blockStamp, 0);
            stamp = 0;
        }
        final int ever = nextStamp();
        final int[] nodes = trie.nodeAt(n);
        long distinctCount = 0;
        long repeated = 0;
        for (int b = 0; b < blocks; b++) {
            final int mark = nextStamp();
            for (int j = n - 1, p = b * length + n - 1; j < length; j++, p++) {
                final int g = nodes[p];
                if (everStamp[g] != ever) {
                    everStamp[g] = ever;
                    distinctCount++;
                }
                if (blockStamp[g] == mark) {
                    repeated++;
                } else {
                    blockStamp[g] = mark;
                }
            }
        }
        final double occurrences = (double) blocks * (length - n + 1);
        distinct[n] = occurrences == 0 ? Double.NaN : distinctCount / occurrences;
        repetition[n] = occurrences == 0 ? Double.NaN : repeated / occurrences;
    }

    private int nextStamp() {
        return ++stamp;
    }

    /** @return -sum p ln p of the unigram distribution, nats */
    double entropy() {
        double h = 0;
        for (long c : unigram) {
            if (c > 0) {
                final double p = c / (double) tokens;
                h -= p * Math.log(p);
            }
        }
        return h;
    }

    /** @return 1 - sum p^2 of the unigram distribution */
    double heterozygosity() {
        double s = 0;
        for (long c : unigram) {
            final double p = c / (double) tokens;
            s += p * p;
        }
        return 1 - s;
    }

    /** @return the number of words that occur */
    int alive() {
        int a = 0;
        for (long c : unigram) {
            a += c > 0 ? 1 : 0;
        }
        return a;
    }

    /** @return sum of q over the words that no longer occur */
    double lostMass() {
        double lost = 0;
        for (int w = 0; w < vocabulary; w++) {
            if (unigram[w] == 0) {
                lost += original[w];
            }
        }
        return lost;
    }

    /** @return distinct-n, 1 &lt;= n &lt;= 4 (NaN for blocks shorter than n) */
    double distinct(int n) {
        return distinct[n];
    }

    /** @return repetition-n, 1 &lt;= n &lt;= 4 (NaN for blocks shorter than n) */
    double repetition(int n) {
        return repetition[n];
    }
}
