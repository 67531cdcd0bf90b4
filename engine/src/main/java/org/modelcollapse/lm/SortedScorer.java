package org.modelcollapse.lm;

/**
 * The log-probability of a fixed text (the test split) under model after model, with the trie read in
 * its own order. Read token by token, each lookup lands somewhere random in tens of megabytes of trie;
 * but a level-k node's index is the rank of its k-gram in lexicographic order (BOS last), whatever the
 * model. So, once per text, the positions are sorted, for each j = 0..N-1, by the (j + 1)-gram formed by
 * the j tokens before them and their own; per model, each level is then walked in that order by one
 * pointer moving forwards through the level's arrays ({@link #walk}). The walk of level j records, per position, whether its length-j context and its (j + 1)-gram
 * occurred and their gamma and full probability; a last pass in text order combines them exactly as
 * {@link NgramModel#probability(NgramModel.Context, int)} does: the same numbers, in the same order of
 * operations.
 *
 * <p>The text is read in blocks of a fixed length (the last may be shorter), each from BOS^(N-1), as the
 * chain's test perplexity is. Allocation-free after the first model.
 */
public final class SortedScorer {
    private final int order;
    private final int bos;
    private final int[] text;
    private final int length;
    /** The positions sorted by their (j + 1)-gram, per j. */
    private final int[][] sortedPositions;
    /** Per level j and position: the node of the (j + 1)-gram ending there (-1 if it did not occur), its full probability, its context's gamma. */
    private final int[][] gramAt;
    private final double[][] fullAt;
    private final double[][] gammaAt;

    /**
     * @param text Not modified (kept): the token ids
     * @param length tokens per block
     * @param order N of the models to score
     * @param vocabulary V of the models (BOS is V)
     */
    public SortedScorer(int[] text, int length, int order, int vocabulary) {
        this.order = order;
        this.bos = vocabulary;
        this.text = text;
        this.length = length;
        final int n = text.length;
        sortedPositions = new int[order][];
        gramAt = new int[order][n];
        fullAt = new double[order][n];
        gammaAt = new double[order][n];
        final int[] count = new int[vocabulary + 2];
        int[] scratch = new int[n];
        for (int j = 0; j < order; j++) {
            final int span = j + 1;
            int[] sorted = new int[n];
            for (int p = 0; p < n; p++) {
                sorted[p] = p;
            }
            // LSD counting sort, one stable pass per token of the (j + 1)-gram, last token first.
            for (int d = span - 1; d >= 0; d--) {
                java.util.Arrays.fill(count, 0);
                for (int p : sorted) {
                    count[token(p, span, d) + 1]++;
                }
                for (int t = 1; t < count.length; t++) {
                    count[t] += count[t - 1];
                }
                for (int p : sorted) {
                    scratch[count[token(p, span, d)]++] = p;
                }
                final int[] swap = sorted;
                sorted = scratch;
                scratch = swap;
            }
            sortedPositions[j] = sorted;
        }
    }

    /** @return the token d places into the (span)-gram ending at p: BOS before its block's start */
    private int token(int p, int span, int d) {
        final int at = p - (span - 1) + d;
        return at < p - p % length ? bos : text[at];
    }

    /** @return the sum of ln P(token | its block's history) over the text, under {@code model} (of this scorer's order and vocabulary) */
    public double logProbability(NgramModel model) {
        final NgramTrie trie = model.trie();
        for (int j = 0; j < order; j++) {
            walk(model, trie, j);
        }
        double sum = 0;
        for (int from = 0; from < text.length; from += length) {
            // Per block, as NgramModel.logProbability sums it: the same result to the last bit.
            double blockSum = 0;
            double product = 1;
            for (int p = from, to = Math.min(text.length, from + length); p < to; p++) {
                int j = order - 1;
                // The deepest context that occurred; every shorter suffix of it occurred too.
                while (Double.isNaN(gammaAt[j][p])) {
                    j--;
                }
                double weight = 1;
                while (Double.isNaN(fullAt[j][p])) {
                    weight *= gammaAt[j][p];
                    j--;
                }
                product *= weight * fullAt[j][p];
                if (product < 1e-250) {
                    blockSum += Math.log(product);
                    product = 1;
                }
            }
            sum += blockSum + Math.log(product);
        }
        return sum;
    }

    /**
     * Level j: per position p, the gamma of its length-j context and the full probability of its (j + 1)-gram,
     * NaN where they did not occur (contexts include the block's BOS padding, as the chain's do). The
     * context is the j-gram that ended at p - 1 (found at level j - 1) or BOS^j at a block's start; in the
     * sorted order the keys (context node, word) only grow, so one forward pointer over level j + 1's
     * nodes finds every (j + 1)-gram: O(T + nodes).
     */
    private void walk(NgramModel model, NgramTrie trie, int j) {
        final int[] positions = sortedPositions[j];
        final double[] full = fullAt[j];
        final double[] gamma = gammaAt[j];
        final int[] grams = gramAt[j];
        if (j == 0) {
            final double rootGamma = model.gamma(0, 0);
            for (int p = 0; p < text.length; p++) {
                grams[p] = text[p];
                gamma[p] = rootGamma;
                full[p] = model.probability(1, text[p]);
            }
            return;
        }
        final int[] below = gramAt[j - 1];
        final int[] first = trie.firstChild(j);
        final int[] words = trie.word(j + 1);
        final int bosContext = trie.bos(j);
        int at = 0;
        for (final int p : positions) {
            final int context = p % length == 0 ? bosContext : below[p - 1];
            if (context < 0) {
                grams[p] = -1;
                gamma[p] = Double.NaN;
                full[p] = Double.NaN;
                continue;
            }
            final int w = text[p];
            final int end = first[context + 1];
            at = Math.max(at, first[context]);
            while (at < end && words[at] < w) {
                at++;
            }
            final int gram = at < end && words[at] == w ? at : -1;
            grams[p] = gram;
            gamma[p] = model.gamma(j, context);
            full[p] = gram >= 0 ? model.probability(j + 1, gram) : Double.NaN;
        }
    }
}
