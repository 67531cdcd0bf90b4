package org.modelcollapse.lm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Ids by decreasing count then word, the minimum count, and the unknown word. */
class VocabularyTest {
    private static List<String> words(Vocabulary v) {
        final List<String> out = new ArrayList<>();
        for (int i = 0; i < v.size(); i++) {
            out.add(v.word(i));
        }
        return out;
    }

    @Test
    void idsGoByDecreasingCountThenWord() {
        final Vocabulary v = Vocabulary.of(Map.of("b", 5, "a", 5, "c", 7, "d", 1, "e", 2, "B", 5, "é", 5), 2);
        assertEquals(List.of(Vocabulary.UNKNOWN, "c", "B", "a", "b", "é", "e"), words(v)); // "B" < "a" < "b" < "é" in String order
        assertEquals(List.of(1L, 7L, 5L, 5L, 5L, 5L, 2L), List.of(v.count(0), v.count(1), v.count(2), v.count(3), v.count(4), v.count(5),
                v.count(6)));
        assertEquals(3, v.id("a"));
        assertEquals(Vocabulary.UNKNOWN_ID, v.id("d")); // below the minimum count
        assertEquals(Vocabulary.UNKNOWN_ID, v.id("never"));
        assertEquals(Vocabulary.UNKNOWN_ID, v.id(Vocabulary.UNKNOWN));
        assertEquals(2, v.minCount());
        assertEquals(7, v.size());
    }

    @Test
    void theMinimumCountDecidesWhoIsKnown() {
        final Map<String, Integer> counts = Map.of("the", 9, "of", 4, "whale", 3, "ahab", 2, "loomings", 1);
        assertEquals(List.of(Vocabulary.UNKNOWN, "the", "of", "whale", "ahab", "loomings"), words(Vocabulary.of(counts, 1)));
        assertEquals(0, Vocabulary.of(counts, 1).count(0));
        assertEquals(List.of(Vocabulary.UNKNOWN, "the", "of", "whale"), words(Vocabulary.of(counts, 3)));
        assertEquals(3, Vocabulary.of(counts, 3).count(0));
        assertEquals(List.of(Vocabulary.UNKNOWN), words(Vocabulary.of(counts, 10)));
        assertEquals(19, Vocabulary.of(counts, 10).count(0));
    }

    @Test
    void theSameCountsGiveTheSameIdsWhateverTheirOrder() {
        final String[] words = {"x", "y", "z", "w", "v"};
        final long[] counts = {3, 3, 3, 0, 4};
        final Vocabulary a = Vocabulary.of(words, counts, 5, 1);
        final Vocabulary b = Vocabulary.of(new String[] {"v", "z", "w", "y", "x"}, new long[] {4, 3, 0, 3, 3}, 5, 1);
        assertEquals(List.of(Vocabulary.UNKNOWN, "v", "x", "y", "z"), words(a)); // "w", absent from training, is left out
        assertEquals(words(a), words(b));
    }

    @Test
    void badInputIsRefused() {
        assertEquals("minimum count is not at least 1: 0",
                assertThrows(IllegalArgumentException.class, () -> Vocabulary.of(Map.of("a", 1), 0)).getMessage());
        assertEquals("<unk> is the unknown word, not a word of the text",
                assertThrows(IllegalArgumentException.class, () -> Vocabulary.of(Map.of("<unk>", 4), 1)).getMessage());
        assertEquals("count of a is negative: -1",
                assertThrows(IllegalArgumentException.class, () -> Vocabulary.of(Map.of("a", -1), 1)).getMessage());
    }
}
