package org.modelcollapse.lm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** Every clause of {@link Tokeniser}'s rule, on hand-written strings. */
class TokeniserTest {
    private static final Tokeniser STANDARD = Tokeniser.standard();

    private static void assertTokens(String text, String... expected) {
        assertEquals(List.of(expected), STANDARD.tokens(text), text);
    }

    @Test
    void wordsAndPunctuationSplit() {
        assertTokens("Call me Ishmael.", "Call", "me", "Ishmael", ".");
        assertTokens("(a) \"b\" “c” ‘d’ e—f – g; h: i! j? k% l&m n/o p_q *+=<>@#",
                "(", "a", ")", "\"", "b", "\"", "“", "c", "”", "‘", "d", "’", "e", "—", "f", "–", "g", ";", "h", ":", "i", "!",
                "j", "?", "k", "%", "l", "&", "m", "n", "/", "o", "p", "_", "q", "*", "+", "=", "<", ">", "@", "#");
        assertTokens("...", ".", ".", ".");
        assertTokens("<unk>", "<", "unk", ">");
        assertTokens("");
        assertTokens(" \t\n ");
    }

    @Test
    void apostrophesInsideAWordJoinIt() {
        assertTokens("don't o’clock who've rock'n'roll", "don't", "o’clock", "who've", "rock'n'roll");
        assertTokens("'tis the States' ‘own’", "'", "tis", "the", "States", "'", "‘", "own", "’");
        assertTokens("don'' t don' t don'", "don", "'", "'", "t", "don", "'", "t", "don", "'");
        assertTokens("nations’ wealth", "nations", "’", "wealth");
    }

    @Test
    void hyphensInsideAWordJoinIt() {
        assertTokens("well-being twenty-first-century 1790-1791", "well-being", "twenty-first-century", "1790-1791");
        assertTokens("non\u2010stop non\u2011stop", "non\u2010stop", "non\u2011stop");
        assertTokens("war--and -x x- x -y", "war", "-", "-", "and", "-", "x", "x", "-", "x", "-", "y");
        assertTokens("well-'being", "well", "-", "'", "being");
    }

    @Test
    void numbersKeepTheirInnerCommasAndPoints() {
        assertTokens("1,000 and 3.5, in 1990. $4,200,000.50 or 2.0.1", "1,000", "and", "3.5", ",", "in", "1990", ".", "$",
                "4,200,000.50", "or", "2.0.1");
        assertTokens("1, 2 ,5 5, .5 5.", "1", ",", "2", ",", "5", "5", ",", ".", "5", "5", ".");
        assertTokens("p.8 a,b 8.p", "p", ".", "8", "a", ",", "b", "8", ".", "p");
        assertTokens("1,,000 1..5", "1", ",", ",", "000", "1", ".", ".", "5");
        assertTokens("A1.5 x2,3", "A1.5", "x2,3"); // a digit on both sides suffices
        assertTokens("٣.٥ ٣,٥", "٣.٥", "٣,٥"); // Arabic-Indic digits are decimal digits (Nd)
        assertTokens("½.5 ²,3", "½", ".", "5", "²", ",", "3"); // other numbers (No) are word characters, not digits
    }

    @Test
    void unicodeLettersMarksAndSupplementaryCharacters() {
        assertTokens("café naïve cafe\u0301s Ærø", "café", "naïve", "cafe\u0301s", "Ærø");
        assertTokens("日本の 𝐀𝐁c a😀b", "日本の", "𝐀𝐁c", "a", "😀", "b"); // 𝐀 is a letter outside the BMP; 😀 a symbol
        assertTokens("x\u0301\u0302y", "x\u0301\u0302y");
        assertTokens("\u0301a", "\u0301a"); // a mark is a word character even at the start
    }

    @Test
    void separatorsAreSpacesControlsAndFormatCharacters() {
        assertTokens("\uFEFFa\u00A0b\u200Bc\u0002d\te\r\nf\u2028g\u3000h", "a", "b", "c", "d", "e", "f", "g", "h");
        assertTrue(Tokeniser.isSeparator(' ') && Tokeniser.isSeparator('\u00A0') && Tokeniser.isSeparator('\u0002')
                && Tokeniser.isSeparator('\uFEFF') && Tokeniser.isSeparator('\u200B'));
        assertFalse(Tokeniser.isSeparator('a') || Tokeniser.isSeparator('.') || Tokeniser.isSeparator('['));
        assertTokens("don\u200B't", "don", "'", "t");
    }

    @Test
    void stageNotesAreDroppedUnlessKept() {
        final String text = "Thank you. [Applause] We did it [laughter][LAUGHTER]. [APPLAUSE]";
        assertTokens(text, "Thank", "you", ".", "We", "did", "it", ".");
        assertEquals(List.of("Thank", "you", ".", "[", "Applause", "]", "We", "did", "it", "[", "laughter", "]", "[", "LAUGHTER",
                "]", ".", "[", "APPLAUSE", "]"), Tokeniser.of(false, true).tokens(text));
        assertTokens("word[Laughter]word", "word", "word"); // dropped as a separator
        assertTokens("[sic] [Laughter and applause] [ Laughter] [Laughter", "[", "sic", "]", "[", "Laughter", "and", "applause",
                "]", "[", "Laughter", "]", "[", "Laughter");
        assertTokens("[Laughter.] [Laughterx] [Lau", "[", "Laughter", ".", "]", "[", "Laughterx", "]", "[", "Lau");
    }

    @Test
    void caseIsKeptOrFoldedWithTheRootLocale() {
        final Tokeniser fold = Tokeniser.of(true, false);
        assertEquals(List.of("the", "nation's", "état", "i\u0307stanbul", "ss", "ß", ".", "already"),
                fold.tokens("The NATION's ÉTAT İstanbul SS ß. already"));
        final String mixed = "In 1790, Mr. WASHINGTON’s Σίσυφος said: \"ÆØÅ [Applause] Straße—İ DŽ\"";
        final List<String> expected = new ArrayList<>();
        for (String t : STANDARD.tokens(mixed)) {
            expected.add(t.toLowerCase(Locale.ROOT));
        }
        assertEquals(expected, fold.tokens(mixed));
        assertEquals("folded", fold.toString().replaceAll(".*case (\\w+).*", "$1"));
        assertTrue(fold.foldsCase() && !fold.keepsStageNotes());
        assertFalse(STANDARD.foldsCase() || STANDARD.keepsStageNotes());
    }

    @Test
    void aRangeOfAnArrayIsTokenisedAlone() {
        final char[] text = "xx don't stop-xx".toCharArray();
        final List<String> out = new ArrayList<>();
        STANDARD.tokenise(text, 3, 14, (chars, offset, length) -> out.add(new String(chars, offset, length)));
        assertEquals(List.of("don't", "stop", "-"), out); // the joiner at the range's end joins nothing
    }

    @Test
    void foldingALongTokenGrowsTheBuffer() {
        final String word = "ABC".repeat(100) + "É";
        assertEquals(List.of(word.toLowerCase(Locale.ROOT), "x", "a".repeat(300)),
                Tokeniser.of(true, false).tokens(word + " X " + "A".repeat(300)));
    }
}
