package org.modelcollapse.lm;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.modelcollapse.lm.CorpusSplit.Part;
import org.modelcollapse.lm.CorpusSplit.Segment;

/**
 * A corpus as a language model sees it (issue 15 §1): its documents tokenised ({@link Tokeniser}), split into training,
 * validation and test parts ({@link CorpusSplit}), and mapped to ids through the vocabulary of the training part
 * ({@link Vocabulary}). Each part is one array of ids, the part's documents (or pieces of documents) concatenated in hash
 * order; tokens outside the vocabulary are {@link Vocabulary#UNKNOWN_ID}. The counts per part (documents, tokens,
 * unknown tokens) are kept for the manifest.
 *
 * <p>Built in one pass: every token is interned into a table of distinct token types as it is scanned (no string per
 * token), then the training part's types are counted and every token mapped to its id. Immutable.
 */
public final class TokenizedCorpus {
    private final String label;
    private final Tokeniser tokeniser;
    private final CorpusSplit split;
    private final Vocabulary vocabulary;
    private final Map<Part, int[]> ids;
    private final Map<Part, Long> unknown;

    private TokenizedCorpus(String label, Tokeniser tokeniser, CorpusSplit split, Vocabulary vocabulary, Map<Part, int[]> ids,
                            Map<Part, Long> unknown) {
        this.label = label;
        this.tokeniser = tokeniser;
        this.split = split;
        this.vocabulary = vocabulary;
        this.ids = ids;
        this.unknown = unknown;
    }

    /**
     * @return the corpus with the standard tokeniser, the default shares ({@value CorpusSplit#DEFAULT_SHARE} each) and the
     *         default minimum count ({@value Vocabulary#DEFAULT_MIN_COUNT})
     */
    public static TokenizedCorpus of(Corpus corpus) {
        return of(corpus, Tokeniser.standard(), CorpusSplit.DEFAULT_SHARE, CorpusSplit.DEFAULT_SHARE, Vocabulary.DEFAULT_MIN_COUNT);
    }

    /**
     * @param validationShare in [0, 1)
     * @param testShare in [0, 1), with validationShare + testShare &lt; 1
     * @param minCount the vocabulary's minimum training count, &gt;= 1
     * @throws IllegalArgumentException if an argument is out of range, the corpus is too short to split, or a part with a
     *         positive share (or the training part) has no token; the message names the corpus
     */
    public static TokenizedCorpus of(Corpus corpus, Tokeniser tokeniser, double validationShare, double testShare, int minCount) {
        if (minCount < 1) {
            throw new IllegalArgumentException("minimum count is not at least 1: " + minCount);
        }
        final List<Document> docs = corpus.documents();
        final int n = docs.size();
        final Interner types = new Interner();
        final int[] start = new int[n + 1]; // document i's tokens are types.stream[start[i], start[i + 1])
        final String[] names = new String[n];
        final Map<String, Integer> index = HashMap.newHashMap(n);
        for (int i = 0; i < n; i++) {
            tokeniser.tokenise(docs.get(i).text(), types);
            start[i + 1] = types.tokens;
            names[i] = docs.get(i).name();
            index.put(names[i], i);
        }
        final int[] perDocument = new int[n];
        for (int i = 0; i < n; i++) {
            perDocument[i] = start[i + 1] - start[i];
        }
        final CorpusSplit split;
        try {
            split = CorpusSplit.of(List.of(names), perDocument, validationShare, testShare);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(corpus.label() + ": " + e.getMessage(), e);
        }
        final int[] stream = types.stream;
        final long[] trainingCounts = new long[types.types];
        for (Segment s : split.segments(Part.TRAIN)) {
            final int base = start[index.get(s.document())];
            for (int k = base + s.from(); k < base + s.to(); k++) {
                trainingCounts[stream[k]]++;
            }
        }
        final String[] words = types.words();
        final Vocabulary vocabulary = Vocabulary.of(words, trainingCounts, types.types, minCount);
        final int[] idOfType = new int[types.types];
        for (int t = 0; t < types.types; t++) {
            idOfType[t] = vocabulary.id(words[t]);
        }
        final Map<Part, int[]> ids = new EnumMap<>(Part.class);
        final Map<Part, Long> unknown = new EnumMap<>(Part.class);
        for (Part p : Part.values()) {
            final int[] out = new int[Math.toIntExact(split.tokens(p))];
            int m = 0;
            long unk = 0;
            for (Segment s : split.segments(p)) {
                final int base = start[index.get(s.document())];
                for (int k = base + s.from(); k < base + s.to(); k++) {
                    final int id = idOfType[stream[k]];
                    out[m++] = id;
                    unk += id == Vocabulary.UNKNOWN_ID ? 1 : 0;
                }
            }
            final double share = p == Part.TEST ? testShare : p == Part.VALIDATION ? validationShare : 1;
            if (out.length == 0 && share > 0) {
                throw new IllegalArgumentException(corpus.label() + ": the " + p.label() + " part has no tokens");
            }
            ids.put(p, out);
            unknown.put(p, unk);
        }
        return new TokenizedCorpus(corpus.label(), tokeniser, split, vocabulary, ids, unknown);
    }

    /** @return a copy of the training part's ids */
    public int[] train() {
        return ids(Part.TRAIN);
    }

    /** @return a copy of the validation part's ids */
    public int[] validation() {
        return ids(Part.VALIDATION);
    }

    /** @return a copy of the test part's ids */
    public int[] test() {
        return ids(Part.TEST);
    }

    /** @return a copy of the part's ids */
    public int[] ids(Part part) {
        return ids.get(part).clone();
    }

    /** @return the training part cut into blocks of {@code length} tokens ({@link TokenBlocks#cut}) */
    public TokenBlocks blocks(int length) {
        return TokenBlocks.cut(ids.get(Part.TRAIN), length);
    }

    /** @return the vocabulary of the training part */
    public Vocabulary vocabulary() {
        return vocabulary;
    }

    /** @return the split */
    public CorpusSplit split() {
        return split;
    }

    /** @return the tokeniser the corpus was read with */
    public Tokeniser tokeniser() {
        return tokeniser;
    }

    /** @return the corpus's label */
    public String label() {
        return label;
    }

    /** @return the number of documents with tokens in the part */
    public int documents(Part part) {
        return split.names(part).size();
    }

    /** @return the number of tokens in the part */
    public int tokens(Part part) {
        return ids.get(part).length;
    }

    /** @return the number of the part's tokens that are {@link Vocabulary#UNKNOWN_ID} */
    public long unknownTokens(Part part) {
        return unknown.get(part);
    }

    /** @return the share of the part's tokens outside the vocabulary (NaN for an empty part) */
    public double oovRate(Part part) {
        return (double) unknown.get(part) / ids.get(part).length;
    }

    /**
     * Puts the corpus's manifest entries: {@code corpus}, {@code corpus_documents}, {@code fold_case},
     * {@code stage_notes} ("kept" or "dropped"), {@code split} ("document" or "token"), {@code validation_share},
     * {@code test_share}, {@code min_count}, {@code vocabulary_size}, and for each part P of train, validation and test
     * {@code P_documents} (the names, in hash order), {@code P_tokens} and {@code P_oov_rate}.
     *
     * @param params Modified
     */
    public void describe(Map<String, Object> params) {
        params.put("corpus", label);
        params.put("corpus_documents", split.order().size());
        params.put("fold_case", tokeniser.foldsCase());
        params.put("stage_notes", tokeniser.keepsStageNotes() ? "kept" : "dropped");
        params.put("split", split.mode().name().toLowerCase(java.util.Locale.ROOT));
        params.put("validation_share", split.validationShare());
        params.put("test_share", split.testShare());
        params.put("min_count", vocabulary.minCount());
        params.put("vocabulary_size", vocabulary.size());
        for (Part p : Part.values()) {
            params.put(p.label() + "_documents", split.names(p));
            params.put(p.label() + "_tokens", tokens(p));
            params.put(p.label() + "_oov_rate", oovRate(p));
        }
    }

    /**
     * Distinct tokens to dense type ids, by open addressing on their characters, with the token stream as type ids: the
     * sink the tokeniser writes into.
     */
    private static final class Interner implements Tokeniser.TokenSink {
        char[] pool = new char[1 << 16];
        int poolSize;
        int[] typeStart = new int[1 << 12];
        int[] typeLength = new int[1 << 12];
        int[] typeHash = new int[1 << 12];
        int types;
        int[] slots = new int[1 << 13]; // type id + 1, or 0 for an empty slot
        int[] stream = new int[1 << 16];
        int tokens;

        @Override
        public void token(char[] chars, int offset, int length) {
            int h = 0;
            for (int k = offset; k < offset + length; k++) {
                h = 31 * h + chars[k];
            }
            h *= 0x9E3779B9; // spread the low bits, which pick the slot
            h ^= h >>> 15;
            final int mask = slots.length - 1;
            int slot = h & mask;
            int type;
            while (true) {
                type = slots[slot] - 1;
                if (type < 0) {
                    type = add(chars, offset, length, h);
                    slots[slot] = type + 1;
                    if (2 * types > slots.length) {
                        rehash();
                    }
                    break;
                }
                if (typeHash[type] == h && typeLength[type] == length
                        && Arrays.equals(pool, typeStart[type], typeStart[type] + length, chars, offset, offset + length)) {
                    break;
                }
                slot = (slot + 1) & mask;
            }
            if (tokens == stream.length) {
                stream = Arrays.copyOf(stream, 2 * tokens);
            }
            stream[tokens++] = type;
        }

        private int add(char[] chars, int offset, int length, int h) {
            if (types == typeStart.length) {
                typeStart = Arrays.copyOf(typeStart, 2 * types);
                typeLength = Arrays.copyOf(typeLength, 2 * types);
                typeHash = Arrays.copyOf(typeHash, 2 * types);
            }
            if (poolSize + length > pool.length) {
                pool = Arrays.copyOf(pool, Math.max(2 * pool.length, poolSize + length));
            }
            System.arraycopy(chars, offset, pool, poolSize, length);
            typeStart[types] = poolSize;
            typeLength[types] = length;
            typeHash[types] = h;
            poolSize += length;
            return types++;
        }

        private void rehash() {
            slots = new int[2 * slots.length];
            final int mask = slots.length - 1;
            for (int t = 0; t < types; t++) {
                int slot = typeHash[t] & mask;
                while (slots[slot] != 0) {
                    slot = (slot + 1) & mask;
                }
                slots[slot] = t + 1;
            }
        }

        /** @return every type's text, by type id */
        String[] words() {
            final String[] out = new String[types];
            for (int t = 0; t < types; t++) {
                out[t] = new String(pool, typeStart[t], typeLength[t]);
            }
            return out;
        }
    }
}
