package org.modelcollapse.lm;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * The words a language model knows, fixed at generation 0 from the training part of the original corpus (issue 15 §1).
 *
 * <p>The rule. Id 0 is the unknown word {@value #UNKNOWN}, which stands for every token whose training count is below
 * the minimum count (and every token absent from training). Ids 1 to {@code size() - 1} are the words whose training
 * count is at least the minimum count, in order of decreasing count, ties in the natural order of the words
 * ({@link String#compareTo}), so the same counts always give the same ids. {@link #count(int)} is the training count:
 * of id 0, the number of training tokens it stands for. The tokeniser never produces {@value #UNKNOWN} as a token (its
 * angle brackets split off), so it cannot collide with a word.
 *
 * <p>The default minimum count, {@value #DEFAULT_MIN_COUNT}, is wikitext-2's (the paper's corpus maps words seen fewer than
 * 3 times to {@code <unk>}). Any minimum above 1 gives {@code <unk>} training tokens of its own (the rare words), so a
 * model learns how often an unknown word comes and the validation and test words outside the vocabulary get a
 * probability; with a minimum of 1 the unknown word has no training count at all.
 *
 * <p>Immutable.
 */
public final class Vocabulary {
    /** The unknown word. */
    public static final String UNKNOWN = "<unk>";
    /** The unknown word's id. */
    public static final int UNKNOWN_ID = 0;
    /** The default minimum training count of a word in the vocabulary. */
    public static final int DEFAULT_MIN_COUNT = 3;

    private final String[] words;
    private final long[] counts;
    private final Map<String, Integer> ids;
    private final int minCount;

    private Vocabulary(String[] words, long[] counts, int minCount) {
        this.words = words;
        this.counts = counts;
        this.minCount = minCount;
        this.ids = HashMap.newHashMap(words.length);
        for (int i = 1; i < words.length; i++) {
            ids.put(words[i], i);
        }
    }

    /**
     * @param trainingCounts every training word's count (&gt;= 1); Not modified
     * @param minCount &gt;= 1
     * @throws IllegalArgumentException if minCount &lt; 1, a count is below 1, or a word is {@value #UNKNOWN}
     */
    public static Vocabulary of(Map<String, ? extends Number> trainingCounts, int minCount) {
        final String[] words = new String[trainingCounts.size()];
        final long[] counts = new long[words.length];
        int k = 0;
        for (Map.Entry<String, ? extends Number> e : trainingCounts.entrySet()) {
            words[k] = e.getKey();
            counts[k++] = e.getValue().longValue();
        }
        return of(words, counts, words.length, minCount);
    }

    /**
     * @param words distinct words; Not modified
     * @param counts {@code counts[i]} is the training count of {@code words[i]}, for i &lt; types; a count of 0 is a
     *        word absent from training, left out; Not modified
     */
    static Vocabulary of(String[] words, long[] counts, int types, int minCount) {
        if (minCount < 1) {
            throw new IllegalArgumentException("minimum count is not at least 1: " + minCount);
        }
        long unknown = 0;
        Integer[] kept = new Integer[types];
        int size = 0;
        for (int i = 0; i < types; i++) {
            if (counts[i] < 0) {
                throw new IllegalArgumentException("count of " + words[i] + " is negative: " + counts[i]);
            }
            if (UNKNOWN.equals(words[i])) {
                throw new IllegalArgumentException(UNKNOWN + " is the unknown word, not a word of the text");
            }
            if (counts[i] >= minCount) {
                kept[size++] = i;
            } else {
                unknown += counts[i];
            }
        }
        kept = Arrays.copyOf(kept, size);
        Arrays.sort(kept, (x, y) -> counts[x] != counts[y] ? Long.compare(counts[y], counts[x]) : words[x].compareTo(words[y]));
        final String[] w = new String[size + 1];
        final long[] c = new long[size + 1];
        w[0] = UNKNOWN;
        c[0] = unknown;
        for (int r = 0; r < size; r++) {
            w[r + 1] = words[kept[r]];
            c[r + 1] = counts[kept[r]];
        }
        return new Vocabulary(w, c, minCount);
    }

    /** @return the word's id, or {@value #UNKNOWN_ID} if it is not in the vocabulary */
    public int id(String word) {
        final Integer id = ids.get(word);
        return id == null ? UNKNOWN_ID : id;
    }

    /** @return the word of an id in [0, size()) */
    public String word(int id) {
        return words[id];
    }

    /** @return the number of ids, {@value #UNKNOWN} included */
    public int size() {
        return words.length;
    }

    /** @return the training count of an id in [0, size()); of id 0, the training tokens below the minimum count */
    public long count(int id) {
        return counts[id];
    }

    /** @return the minimum training count of a word in the vocabulary */
    public int minCount() {
        return minCount;
    }
}
