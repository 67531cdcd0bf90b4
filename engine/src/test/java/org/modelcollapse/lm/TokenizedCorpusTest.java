package org.modelcollapse.lm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.modelcollapse.lm.CorpusSplit.Mode;
import org.modelcollapse.lm.CorpusSplit.Part;

/** The corpus as ids: parts in hash order, the vocabulary of training alone, the counts, the blocks; and Moby Dick. */
class TokenizedCorpusTest {
    private static final Path MOBY_DICK = Path.of("src", "test", "resources", "corpora", "moby-dick-0.2.3.zip");

    private static Corpus small() {
        final List<Document> docs = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            docs.add(new Document("d" + i, "the whale , the sea and doc" + i + " . [Applause]"));
        }
        return Corpus.of("small", docs);
    }

    @Test
    void partsAreTheirDocumentsIdsInHashOrder() {
        final Corpus corpus = small();
        final TokenizedCorpus tc = TokenizedCorpus.of(corpus, Tokeniser.standard(), 0.1, 0.1, 1);
        final Map<String, String> text = new HashMap<>();
        corpus.documents().forEach(d -> text.put(d.name(), d.text()));
        final Vocabulary v = tc.vocabulary();
        for (Part p : Part.values()) {
            final List<Integer> expected = new ArrayList<>();
            for (String name : tc.split().names(p)) {
                for (String token : Tokeniser.standard().tokens(text.get(name))) {
                    expected.add(v.id(token));
                }
            }
            assertEquals(expected, box(tc.ids(p)), p.label());
            assertEquals(expected.size(), tc.tokens(p));
        }
        assertEquals(1, tc.documents(Part.TEST));
        assertEquals(8, tc.documents(Part.TRAIN));
        assertEquals(8 * 8, tc.tokens(Part.TRAIN)); // the stage note dropped
        // vocabulary from training only: the, whale, ",", sea, and, "." and the 8 training docs' own words
        assertEquals(1 + 6 + 8, v.size());
        assertEquals(List.of("the"), List.of(v.word(1)));
        assertEquals(0, tc.unknownTokens(Part.TRAIN));
        assertEquals(1, tc.unknownTokens(Part.TEST)); // its own docN
        assertEquals(1 / 8.0, tc.oovRate(Part.VALIDATION));
        assertArrayEquals(tc.ids(Part.TRAIN), tc.train());
        assertArrayEquals(tc.ids(Part.VALIDATION), tc.validation());
        assertArrayEquals(tc.ids(Part.TEST), tc.test());
        tc.train()[0] = -1;
        assertTrue(tc.train()[0] >= 0, "train() is a copy");
    }

    @Test
    void theMinimumCountMapsRareTrainingWordsToUnknown() {
        final TokenizedCorpus tc = TokenizedCorpus.of(small(), Tokeniser.of(true, true), 0.1, 0.1, 2);
        // folded, stage notes kept: "[", "applause", "]" come 8 times each; the docN words once each
        assertEquals(1 + 6 + 3, tc.vocabulary().size());
        assertEquals(8, tc.vocabulary().count(Vocabulary.UNKNOWN_ID));
        assertEquals(8, tc.unknownTokens(Part.TRAIN));
        assertEquals(Vocabulary.UNKNOWN_ID, tc.vocabulary().id("doc0"));
        assertEquals(Vocabulary.UNKNOWN_ID, tc.vocabulary().id("Applause"));
        assertTrue(tc.vocabulary().id("applause") > 0);
    }

    @Test
    void oneDocumentIsCutByTokens() {
        final Corpus one = Corpus.of("one", List.of(new Document("book", "a b c d e f g h i j")));
        final TokenizedCorpus tc = TokenizedCorpus.of(one, Tokeniser.standard(), 0.1, 0.1, 1);
        assertEquals(Mode.TOKEN, tc.split().mode());
        assertEquals(List.of(8, 1, 1), List.of(tc.tokens(Part.TRAIN), tc.tokens(Part.VALIDATION), tc.tokens(Part.TEST)));
        assertEquals(1.0, tc.oovRate(Part.TEST)); // "j" is not in training
        assertEquals(9, tc.vocabulary().size());
    }

    @Test
    void refusalsNameTheCorpus() {
        final Corpus tiny = Corpus.of("tiny.txt", List.of(new Document("tiny.txt", "a b c")));
        assertEquals("tiny.txt: too little text to split into training, validation and test parts: 3 tokens in 1 document",
                assertThrows(IllegalArgumentException.class, () -> TokenizedCorpus.of(tiny)).getMessage());
        final List<String> names = List.of("n0", "n1", "n2", "n3", "n4");
        final String testDocument = CorpusSplit.of(names, new int[5], 0.1, 0.1).names(Part.TEST).getFirst();
        final List<Document> docs = new ArrayList<>();
        for (String name : names) {
            docs.add(new Document(name, name.equals(testDocument) ? "[Laughter]" : "some words"));
        }
        assertEquals("notes: the test part has no tokens",
                assertThrows(IllegalArgumentException.class, () -> TokenizedCorpus.of(Corpus.of("notes", docs))).getMessage());
        assertEquals("minimum count is not at least 1: 0",
                assertThrows(IllegalArgumentException.class, () -> TokenizedCorpus.of(small(), Tokeniser.standard(), 0.1, 0.1, 0))
                        .getMessage());
    }

    @Test
    void blocksDropTheRemainder() {
        final int[] ids = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
        final TokenBlocks b = TokenBlocks.cut(ids, 3);
        assertEquals(3, b.blocks());
        assertEquals(3, b.length());
        assertArrayEquals(new int[] {1, 2, 3, 4, 5, 6, 7, 8, 9}, java.util.Arrays.copyOf(b.tokens(), b.size()));
        assertEquals(10, TokenBlocks.cut(ids, 1).blocks());
        assertEquals(1, TokenBlocks.cut(ids, 10).blocks());
        assertEquals("the training part has 10 tokens, fewer than one block of 11",
                assertThrows(IllegalArgumentException.class, () -> TokenBlocks.cut(ids, 11)).getMessage());
        assertEquals("block length is not at least 1: 0",
                assertThrows(IllegalArgumentException.class, () -> TokenBlocks.cut(ids, 0)).getMessage());
    }

    @Test
    void describeWritesTheManifestEntries() {
        final Map<String, Object> params = new LinkedHashMap<>();
        TokenizedCorpus.of(small()).describe(params);
        assertEquals(List.of("corpus", "corpus_documents", "fold_case", "stage_notes", "split", "validation_share", "test_share",
                "min_count", "vocabulary_size", "train_documents", "train_tokens", "train_oov_rate", "validation_documents",
                "validation_tokens", "validation_oov_rate", "test_documents", "test_tokens", "test_oov_rate"), List.copyOf(params.keySet()));
        assertEquals("document", params.get("split"));
        assertEquals("dropped", params.get("stage_notes"));
        assertEquals(10, params.get("corpus_documents"));
    }

    /** The small real corpus: numbers measured once and pinned, so a change of rule shows here. */
    @Test
    void mobyDick() throws IOException {
        final long start = System.nanoTime();
        final Corpus corpus = Corpus.read(MOBY_DICK);
        final TokenizedCorpus tc = TokenizedCorpus.of(corpus);
        final double ms = (System.nanoTime() - start) / 1e6;
        final Vocabulary v = tc.vocabulary();
        System.out.printf("Moby Dick: %d documents (%d / %d / %d), %d / %d / %d tokens, vocabulary %d (min count %d),"
                        + " OOV %.4f / %.4f / %.4f, most frequent \"%s\", read and tokenised in %.0f ms%n",
                corpus.size(), tc.documents(Part.TRAIN), tc.documents(Part.VALIDATION), tc.documents(Part.TEST), tc.tokens(Part.TRAIN),
                tc.tokens(Part.VALIDATION), tc.tokens(Part.TEST), v.size(), v.minCount(), tc.oovRate(Part.TRAIN),
                tc.oovRate(Part.VALIDATION), tc.oovRate(Part.TEST), v.word(1), ms);
        assertEquals(140, corpus.size());
        assertEquals(Mode.DOCUMENT, tc.split().mode());
        assertEquals(List.of(112, 14, 14), List.of(tc.documents(Part.TRAIN), tc.documents(Part.VALIDATION), tc.documents(Part.TEST)));
        assertEquals(List.of(452_798, 27_481, 22_679), List.of(tc.tokens(Part.TRAIN), tc.tokens(Part.VALIDATION), tc.tokens(Part.TEST)));
        assertEquals(10_343, v.size());
        assertEquals(Vocabulary.DEFAULT_MIN_COUNT, v.minCount());
        assertTrue(v.word(1).equals(",") || v.word(1).equals("the"), v.word(1));
        assertEquals(",", v.word(1));
        assertEquals(34_166, v.count(1));
        assertEquals(v.count(Vocabulary.UNKNOWN_ID), tc.unknownTokens(Part.TRAIN));
        assertEquals(18_520, tc.unknownTokens(Part.TRAIN));
        assertEquals(List.of("chapter_65.txt", "chapter_125.txt"), tc.split().names(Part.TEST).subList(0, 2));
        assertEquals(7_074, tc.blocks(64).blocks());
        assertEquals(20_957, TokenizedCorpus.of(corpus, Tokeniser.standard(), 0.1, 0.1, 1).vocabulary().size());
    }

    private static List<Integer> box(int[] a) {
        final List<Integer> out = new ArrayList<>(a.length);
        for (int x : a) {
            out.add(x);
        }
        return out;
    }
}
