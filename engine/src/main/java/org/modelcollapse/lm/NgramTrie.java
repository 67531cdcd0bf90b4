package org.modelcollapse.lm;

import java.util.Arrays;

/**
 * The n-gram counts of a training text, orders 1 to N, as a trie of sorted arrays (no hashing). Level k
 * holds the distinct k-grams; a node is its context's node at level k - 1 followed by one word, and the
 * nodes of a level are sorted by (context node, word), so that a context's children are one contiguous,
 * word-sorted range ({@link #firstChild}). Every node also knows its suffix, the (k - 1)-gram without its
 * first word ({@link #suffix}), and, below the top level, its continuation count N1+(. g), the number of
 * distinct words that precede it (Kneser &amp; Ney 1995; Chen &amp; Goodman 1998, TR-10-98).
 *
 * <p>Blocks are training sequences of their own: each is padded on the left with N - 1 copies of the
 * start symbol {@code BOS = vocabulary} (an id past the words), and the n-grams counted are those of the
 * padded block that end in a real token. So BOS is context only, never predicted, no n-gram crosses
 * from one block into the next, and the unigram counts are exactly the tokens' counts. The all-BOS
 * contexts BOS^k (k = 1..N - 1) are nodes as well, the last of their level, with count 0.
 *
 * <p>Counting sorts each level's keys (context node, word), one per token, by a least-significant-digit
 * radix sort: O(N T) for T tokens. Level 1 is dense: node w is word w, node {@code vocabulary} is BOS.
 * Buffers grow and never shrink; a rebuild allocates nothing once they have grown to the largest text.
 */
public final class NgramTrie {
    private static final int DIGIT_BITS = 11;
    private static final int DIGITS = 1 << DIGIT_BITS;

    private final int order;
    private final int vocabulary;
    private final int[] nodes;
    private final int[][] word;
    private final int[][] count;
    private final int[][] suffix;
    private final int[][] continuation;
    private final int[][] firstChild;
    private final int[] bos;
    private final int[][] positionIds;
    private long tokens;

    private long[] keys = new long[0];
    private long[] keysSwap = new long[0];
    private int[] positions = new int[0];
    private int[] positionsSwap = new int[0];
    private int[] idsBelow = new int[0];
    private int[] idsAbove = new int[0];
    private final int[] histogram = new int[DIGITS];

    /**
     * An empty trie.
     *
     * @param order N, 1 to 5
     * @param vocabulary V, the word ids being 0..V-1
     */
    public NgramTrie(int order, int vocabulary) {
        this(order, vocabulary, false);
    }

    /**
     * An empty trie that may keep, for each token and level, the node of the n-gram ending there.
     *
     * @param keepPositions whether {@link #nodeAt} is wanted (N ints per token more)
     */
    public NgramTrie(int order, int vocabulary, boolean keepPositions) {
        if (order < 1 || order > 5) {
            throw new IllegalArgumentException("n-gram order must be 1 to 5: " + order);
        }
        if (vocabulary < 1) {
            throw new IllegalArgumentException("vocabulary must hold at least one word: " + vocabulary);
        }
        this.order = order;
        this.vocabulary = vocabulary;
        nodes = new int[order + 1];
        word = new int[order + 1][0];
        count = new int[order + 1][0];
        suffix = new int[order + 1][0];
        continuation = new int[order + 1][0];
        firstChild = new int[order + 1][0];
        bos = new int[order + 1];
        nodes[0] = 1;
        firstChild[0] = new int[] {0, vocabulary + 1};
        nodes[1] = vocabulary + 1;
        word[1] = new int[vocabulary + 1];
        for (int w = 0; w <= vocabulary; w++) {
            word[1][w] = w;
        }
        count[1] = new int[vocabulary + 1];
        suffix[1] = new int[vocabulary + 1];
        continuation[1] = new int[vocabulary + 1];
        bos[1] = vocabulary;
        positionIds = keepPositions ? new int[order + 1][0] : null;
        if (order > 1) {
            firstChild[1] = new int[vocabulary + 2];
        }
    }

    /** @return N */
    public int order() {
        return order;
    }

    /** @return V, the number of words; BOS is id V */
    public int vocabulary() {
        return vocabulary;
    }

    /** @return the number of tokens counted */
    public long tokens() {
        return tokens;
    }

    /** @return the number of nodes at level k (level 0: the root; level 1: V + 1, BOS included) */
    public int nodes(int k) {
        return nodes[k];
    }

    /** @return the words of level k's nodes (level k &gt;= 1). Not to be modified. */
    public int[] word(int k) {
        return word[k];
    }

    /** @return the raw counts of level k's n-grams (0 for BOS^k). Not to be modified. */
    public int[] count(int k) {
        return count[k];
    }

    /** @return the suffix node (at level k - 1) of each of level k's nodes. Not to be modified. */
    public int[] suffix(int k) {
        return suffix[k];
    }

    /** @return N1+(. g) of each node g of level k &lt; N (distinct preceding words). Not to be modified. */
    public int[] continuation(int k) {
        return continuation[k];
    }

    /** @return the children of level k's node i are level k + 1's nodes firstChild[i] .. firstChild[i + 1] - 1 (k &lt; N). Not to be modified. */
    public int[] firstChild(int k) {
        return firstChild[k];
    }

    /** @return the node BOS^k at level k (1 &lt;= k &lt; N; the root for k = 0) */
    public int bos(int k) {
        return k == 0 ? 0 : bos[k];
    }

    /**
     * @return the child of level k's node {@code parent} with word {@code w}, or -1 (binary search)
     */
    public int child(int k, int parent, int w) {
        if (k == 0) {
            return w;
        }
        final int[] words = word[k + 1];
        int lo = firstChild[k][parent];
        int hi = firstChild[k][parent + 1] - 1;
        while (lo <= hi) {
            final int mid = (lo + hi) >>> 1;
            final int m = words[mid];
            if (m < w) {
                lo = mid + 1;
            } else if (m > w) {
                hi = mid - 1;
            } else {
                return mid;
            }
        }
        return -1;
    }

    /**
     * Counts the n-grams of {@code text}, replacing what the trie held.
     *
     * @param text Not modified: its blocks, every id in 0..V-1
     */
    public void build(TokenBlocks text) {
        build(text.tokens(), text.size(), text.length(), null);
    }

    /**
     * Counts blocks of any lengths, replacing what the trie held.
     *
     * @param t Not modified: the blocks end to end, every id in 0..V-1
     * @param ends Not modified: the end (exclusive) of each block, increasing, the last one the text's length
     */
    void build(int[] t, int[] ends) {
        build(t, ends.length == 0 ? 0 : ends[ends.length - 1], 0, ends);
    }

    /** Counts t[0, n) in blocks of {@code length} tokens, or ending at {@code ends} when that is not null. */
    private void build(int[] t, int n, int length, int[] ends) {
        tokens = n;
        grow(n);
        Arrays.fill(count[1], 0);
        Arrays.fill(continuation[1], 0);
        for (int p = 0; p < n; p++) {
            final int w = t[p];
            if (w < 0 || w >= vocabulary) {
                throw new IllegalArgumentException("token " + p + " is not a word id in 0.." + (vocabulary - 1) + ": " + w);
            }
            count[1][w]++;
        }
        int[] below = idsBelow;
        int[] above = idsAbove;
        System.arraycopy(t, 0, below, 0, n);
        if (positionIds != null) {
            keep(1, below, n);
        }
        final long radix = vocabulary + 1L;
        for (int k = 1; k < order; k++) {
            final long bosKey = bos[k];
            for (int p = 0, nextStart = 0, b = 0; p < n; p++) {
                final boolean start = p == nextStart;
                if (start) {
                    nextStart = ends == null ? p + length : ends[b++];
                }
                final long context = start ? bosKey : below[p - 1];
                keys[p] = context * radix + t[p];
                positions[p] = p;
            }
            sortByKey(n, Math.max(1, (long) bos[k] * radix + vocabulary));
            final int level = k + 1;
            final boolean withBos = level < order;
            final int distinct = distinctKeys(n);
            final int size = distinct + (withBos ? 1 : 0);
            ensureLevel(level, size);
            final int[] words = word[level];
            final int[] counts = count[level];
            final int[] suffixes = suffix[level];
            final int[] children = firstChild[k];
            int node = -1;
            long last = -1;
            int parent = -1;
            for (int i = 0; i < n; i++) {
                final long key = keys[i];
                final int p = positions[i];
                if (key != last) {
                    node++;
                    last = key;
                    final int context = (int) (key / radix);
                    words[node] = (int) (key - context * radix);
                    counts[node] = 0;
                    suffixes[node] = below[p];
                    while (parent < context) {
                        children[++parent] = node;
                    }
                }
                counts[node]++;
                above[p] = node;
            }
            if (withBos) {
                node++;
                words[node] = vocabulary;
                counts[node] = 0;
                suffixes[node] = bos[k];
                while (parent < bos[k]) {
                    children[++parent] = node;
                }
                bos[level] = node;
            }
            while (parent < nodes[k]) {
                children[++parent] = size;
            }
            nodes[level] = size;
            final int[] continuations = continuation[k];
            Arrays.fill(continuations, 0, nodes[k], 0);
            for (int g = 0; g < distinct; g++) {
                continuations[suffixes[g]]++;
            }
            if (positionIds != null) {
                keep(level, above, n);
            }
            final int[] swap = below;
            below = above;
            above = swap;
        }
        if (order > 1) {
            Arrays.fill(continuation[order], 0, nodes[order], 0);
        }
    }

    /** @return the level-k node of the k-gram ending at token p of the last build (kept positions only). Not to be modified. */
    public int[] nodeAt(int k) {
        return positionIds[k];
    }

    private void keep(int level, int[] ids, int n) {
        if (positionIds[level].length < n) {
            positionIds[level] = new int[ids.length];
        }
        System.arraycopy(ids, 0, positionIds[level], 0, n);
    }

    private int distinctKeys(int n) {
        int distinct = 0;
        long last = -1;
        for (int i = 0; i < n; i++) {
            if (keys[i] != last) {
                distinct++;
                last = keys[i];
            }
        }
        return distinct;
    }

    /** LSD radix sort of keys[0..n) with positions[0..n) carried along, digits of 11 bits; stable. */
    private void sortByKey(int n, long maxKey) {
        final int bits = 64 - Long.numberOfLeadingZeros(maxKey);
        long[] from = keys;
        long[] to = keysSwap;
        int[] fromPositions = positions;
        int[] toPositions = positionsSwap;
        for (int shift = 0; shift < bits; shift += DIGIT_BITS) {
            Arrays.fill(histogram, 0);
            for (int i = 0; i < n; i++) {
                histogram[(int) (from[i] >>> shift) & (DIGITS - 1)]++;
            }
            int sum = 0;
            for (int d = 0; d < DIGITS; d++) {
                final int c = histogram[d];
                histogram[d] = sum;
                sum += c;
            }
            for (int i = 0; i < n; i++) {
                final long key = from[i];
                final int at = histogram[(int) (key >>> shift) & (DIGITS - 1)]++;
                to[at] = key;
                toPositions[at] = fromPositions[i];
            }
            final long[] k = from;
            from = to;
            to = k;
            final int[] p = fromPositions;
            fromPositions = toPositions;
            toPositions = p;
        }
        keys = from;
        keysSwap = to;
        positions = fromPositions;
        positionsSwap = toPositions;
    }

    private void grow(int n) {
        if (keys.length < n) {
            final int capacity = Math.max(n, (int) Math.min(Integer.MAX_VALUE - 8, keys.length * 3L / 2));
            keys = new long[capacity];
            keysSwap = new long[capacity];
            positions = new int[capacity];
            positionsSwap = new int[capacity];
            idsBelow = new int[capacity];
            idsAbove = new int[capacity];
        }
    }

    private void ensureLevel(int level, int size) {
        if (word[level].length < size) {
            final int capacity = Math.max(size, (int) Math.min(Integer.MAX_VALUE - 8, word[level].length * 3L / 2));
            word[level] = new int[capacity];
            count[level] = new int[capacity];
            suffix[level] = new int[capacity];
            continuation[level] = new int[capacity];
        }
        if (firstChild[level].length < size + 1 && level < order) {
            firstChild[level] = new int[Math.max(size + 1, (int) Math.min(Integer.MAX_VALUE - 8, firstChild[level].length * 3L / 2))];
        }
    }
}
