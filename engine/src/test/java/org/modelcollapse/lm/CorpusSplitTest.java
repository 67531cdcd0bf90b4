package org.modelcollapse.lm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.modelcollapse.lm.CorpusSplit.Mode;
import org.modelcollapse.lm.CorpusSplit.Part;
import org.modelcollapse.lm.CorpusSplit.Segment;

/** The split's rule, its determinism and what adding a document may change. */
class CorpusSplitTest {
    private static List<String> names(int n, String prefix) {
        final List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(prefix + i + ".txt");
        }
        return out;
    }

    private static int[] ones(int n) {
        final int[] t = new int[n];
        Arrays.fill(t, 1);
        return t;
    }

    private static int[] hundreds(int n) {
        final int[] t = new int[n];
        Arrays.fill(t, 100);
        return t;
    }

    private static CorpusSplit split(List<String> names) {
        return CorpusSplit.of(names, ones(names.size()), 0.1, 0.1);
    }

    private static Map<String, Part> parts(CorpusSplit s) {
        final Map<String, Part> out = new HashMap<>();
        for (Part p : Part.values()) {
            for (String name : s.names(p)) {
                out.put(name, p);
            }
        }
        return out;
    }

    @Test
    void theHashIsTheFirstEightBytesOfSha256() {
        assertEquals(0xca978112ca1bbdcaL, CorpusSplit.hash("a")); // SHA-256("a") = ca978112ca1bbdca fac231b3...
        assertEquals(0xe3b0c44298fc1c14L, CorpusSplit.hash("")); // SHA-256("") = e3b0c44298fc1c14 9afbf4c8...
    }

    @Test
    void partsAreRunsOfTheHashOrder() {
        final List<String> names = names(233, "doc");
        final CorpusSplit s = split(names);
        assertEquals(Mode.DOCUMENT, s.mode());
        assertEquals(23, s.names(Part.TEST).size()); // round(23.3)
        assertEquals(23, s.names(Part.VALIDATION).size());
        assertEquals(187, s.names(Part.TRAIN).size());
        final List<String> order = s.order();
        for (int r = 1; r < order.size(); r++) {
            assertTrue(Long.compareUnsigned(CorpusSplit.hash(order.get(r - 1)), CorpusSplit.hash(order.get(r))) < 0);
        }
        final List<String> concatenated = new ArrayList<>(s.names(Part.TEST));
        concatenated.addAll(s.names(Part.VALIDATION));
        concatenated.addAll(s.names(Part.TRAIN));
        assertEquals(order, concatenated);
        assertEquals(187, s.tokens(Part.TRAIN));
    }

    @Test
    void theSplitDependsOnTheSetOfNamesNotTheirOrderNorTheTokenCounts() {
        final List<String> names = names(57, "speech_");
        final CorpusSplit reference = split(names);
        final Random random = new Random(15);
        for (int trial = 0; trial < 20; trial++) {
            final List<String> shuffled = new ArrayList<>(names);
            Collections.shuffle(shuffled, random);
            final int[] tokens = new int[shuffled.size()];
            for (int i = 0; i < tokens.length; i++) {
                tokens[i] = random.nextInt(1000);
            }
            final CorpusSplit s = CorpusSplit.of(shuffled, tokens, 0.1, 0.1);
            assertEquals(reference.order(), s.order());
            for (Part p : Part.values()) {
                assertEquals(reference.names(p), s.names(p), p.label());
            }
        }
    }

    @Test
    void addingADocumentMovesAtMostTwoOthersEachToANeighbouringPart() {
        final Random random = new Random(42);
        int moved = 0;
        for (int trial = 0; trial < 2000; trial++) {
            final int n = 5 + random.nextInt(60);
            final List<String> names = names(n, "t" + trial + "_");
            final double validation = random.nextInt(30) / 100.0;
            final double test = random.nextInt(30) / 100.0;
            final CorpusSplit before = CorpusSplit.of(names, hundreds(n), validation, test);
            final List<String> more = new ArrayList<>(names);
            more.add("added.txt");
            final CorpusSplit after = CorpusSplit.of(more, hundreds(n + 1), validation, test);
            if (before.mode() != Mode.DOCUMENT || after.mode() != Mode.DOCUMENT) {
                continue;
            }
            final Map<String, Part> was = parts(before);
            final Map<String, Part> is = parts(after);
            int changed = 0;
            for (String name : names) {
                if (was.get(name) != is.get(name)) {
                    changed++;
                    final int jump = Math.abs(was.get(name).ordinal() - is.get(name).ordinal()); // TEST and TRAIN are 2 apart
                    assertTrue(jump == 1 || jump == 2 && validation == 0, name + " jumped over the validation part in trial " + trial);
                }
            }
            assertTrue(changed <= 2, changed + " documents changed part in trial " + trial);
            moved += changed;
        }
        assertTrue(moved > 0, "no trial moved a document: the bound was not exercised");
    }

    @Test
    void fewDocumentsAreCutByTokens() {
        final CorpusSplit one = CorpusSplit.of(List.of("book.txt"), new int[] {1001}, 0.1, 0.1);
        assertEquals(Mode.TOKEN, one.mode());
        assertEquals(List.of(new Segment("book.txt", 0, 801)), one.segments(Part.TRAIN)); // 1001 - 100 - 100
        assertEquals(List.of(new Segment("book.txt", 801, 901)), one.segments(Part.VALIDATION));
        assertEquals(List.of(new Segment("book.txt", 901, 1001)), one.segments(Part.TEST));
        assertEquals(List.of("book.txt"), one.names(Part.TEST));

        // 4 documents: round(0.4) = 0 test documents, so by token; the concatenation in hash order is cut at 32 and 36
        final List<String> four = List.of("a", "b", "c", "d");
        final CorpusSplit s = CorpusSplit.of(four, new int[] {10, 10, 10, 10}, 0.1, 0.1);
        assertEquals(Mode.TOKEN, s.mode());
        final List<String> order = s.order();
        assertEquals(List.of(new Segment(order.get(0), 0, 10), new Segment(order.get(1), 0, 10), new Segment(order.get(2), 0, 10),
                new Segment(order.get(3), 0, 2)), s.segments(Part.TRAIN));
        assertEquals(List.of(new Segment(order.get(3), 2, 6)), s.segments(Part.VALIDATION));
        assertEquals(List.of(new Segment(order.get(3), 6, 10)), s.segments(Part.TEST));
        assertEquals(List.of(order.get(3)), s.names(Part.TEST));

        // 5 documents give each part one: by document
        assertEquals(Mode.DOCUMENT, split(names(5, "x")).mode());
        assertEquals(1, split(names(5, "x")).names(Part.TEST).size());
    }

    @Test
    void aZeroShareLeavesItsPartEmpty() {
        final CorpusSplit s = CorpusSplit.of(names(3, "z"), ones(3), 0, 0.4);
        assertEquals(Mode.DOCUMENT, s.mode());
        assertEquals(List.of(), s.names(Part.VALIDATION));
        assertEquals(1, s.names(Part.TEST).size());
        assertEquals(2, s.names(Part.TRAIN).size());
        final CorpusSplit all = CorpusSplit.of(List.of("only"), new int[] {3}, 0, 0);
        assertEquals(Mode.DOCUMENT, all.mode());
        assertEquals(List.of("only"), all.names(Part.TRAIN));
    }

    @Test
    void badSharesAndTooLittleTextAreRefused() {
        final List<String> n = names(10, "d");
        assertEquals("validation share is not in [0, 1): 1.0",
                assertThrows(IllegalArgumentException.class, () -> CorpusSplit.of(n, ones(10), 1, 0)).getMessage());
        assertEquals("test share is not in [0, 1): -0.1",
                assertThrows(IllegalArgumentException.class, () -> CorpusSplit.of(n, ones(10), 0.1, -0.1)).getMessage());
        assertEquals("test share is not in [0, 1): NaN",
                assertThrows(IllegalArgumentException.class, () -> CorpusSplit.of(n, ones(10), 0.1, Double.NaN)).getMessage());
        assertEquals("validation share + test share is not below 1: 0.5 + 0.5",
                assertThrows(IllegalArgumentException.class, () -> CorpusSplit.of(n, ones(10), 0.5, 0.5)).getMessage());
        assertEquals("too little text to split into training, validation and test parts: 4 tokens in 1 document",
                assertThrows(IllegalArgumentException.class, () -> CorpusSplit.of(List.of("a"), new int[] {4}, 0.1, 0.1)).getMessage());
        assertEquals("two documents are named a",
                assertThrows(IllegalArgumentException.class, () -> CorpusSplit.of(List.of("a", "a"), ones(2), 0.1, 0.1)).getMessage());
        // 45% + 45% of 2 documents rounds to 1 + 1, leaving no training document; 10 tokens cut 1 / 4.5 / 4.5 -> 1 / 5 / 5 fails too
        assertEquals("too little text to split into training, validation and test parts: 10 tokens in 2 documents",
                assertThrows(IllegalArgumentException.class, () -> CorpusSplit.of(List.of("a", "b"), new int[] {5, 5}, 0.45, 0.45))
                        .getMessage());
    }
}
