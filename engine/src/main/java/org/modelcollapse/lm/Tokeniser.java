package org.modelcollapse.lm;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Word-level tokens of English-like text (issue 15 §1), by one stated rule, with a hand-written scanner over code points
 * (no regular expression).
 *
 * <p>The rule, applied left to right:
 * <ol>
 * <li><b>Separators</b> end a token and are dropped: white space ({@link Character#isWhitespace} or
 * {@link Character#isSpaceChar}, so the no-break space too), control characters (category Cc) and format characters
 * (Cf, such as a byte-order mark or a zero-width space). See {@link #isSeparator}.</li>
 * <li><b>Stage notes</b>: unless kept by option, the ten characters {@code [Laughter]} or {@code [Applause]}, in any
 * case of their ASCII letters and with nothing else inside the brackets, are dropped as a separator; they are the
 * audience's reactions, not the speaker's text. Any other bracketed text is kept, its brackets split off by rule 5.</li>
 * <li><b>Words</b>: a word character is a letter (category L), a mark (M, so combining accents stay with their letter)
 * or a number (N). A word is a maximal run of word characters, where runs are joined into one word by
 * <ul>
 * <li>a single apostrophe ({@code '} U+0027 or {@code ’} U+2019) or hyphen ({@code -} U+002D, {@code ‐} U+2010,
 * {@code ‑} U+2011) with a word character on both sides: {@code don't}, {@code o’clock}, {@code well-being},
 * {@code 1790-1791};</li>
 * <li>a single {@code .} or {@code ,} with a decimal digit (category Nd) on both sides: {@code 3.5}, {@code 1,000,000},
 * {@code 2.0.1}.</li>
 * </ul>
 * So a leading or trailing apostrophe or hyphen, a doubled one ({@code --}) and a full stop after a word are not
 * joined: {@code 'tis}, {@code States'}, {@code war--and} and {@code 1990.} split them off.</li>
 * <li><b>Case</b> is kept, or, by option, every token is folded by {@link String#toLowerCase(Locale)} with
 * {@link Locale#ROOT}.</li>
 * <li><b>Everything else</b>, each remaining code point, is a token of its own: {@code . , ; : ! ? ( ) [ ] " “ ” ‘ — –
 * $ % & / _ * +}, an apostrophe or hyphen that joins nothing, and so on.</li>
 * </ol>
 * No token contains a separator, and no token is {@code <unk>} (its angle brackets are tokens of their own), so the
 * vocabulary's unknown word cannot collide with a word of the text.
 *
 * <p>Tokens go to a {@link TokenSink} as a slice of a character array, so that a caller who interns them (as
 * {@link TokenizedCorpus} does) never materialises a {@code String} per token. A tokeniser is immutable and may be
 * shared between threads.
 */
public final class Tokeniser {
    /** Receives tokens, in text order. */
    @FunctionalInterface
    public interface TokenSink {
        /**
         * @param chars holds the token at {@code [offset, offset + length)}; Not modified; valid only during the call
         * @param length &gt;= 1
         */
        void token(char[] chars, int offset, int length);
    }

    private static final Tokeniser STANDARD = new Tokeniser(false, false);

    // Classes of code points; ASCII ones from a table.
    private static final byte SEPARATOR = 0;
    private static final byte LETTER = 1; // any word character other than a decimal digit
    private static final byte DIGIT = 2;
    private static final byte JOINER = 3;
    private static final byte OTHER = 4; // includes '.' and ',', which join only between digits
    private static final byte[] ASCII = new byte[128];
    private static final int STAGE_NOTE_LENGTH = 10; // "[laughter]" and "[applause]"

    static {
        for (int c = 0; c < 128; c++) {
            ASCII[c] = classify(c);
        }
    }

    private final boolean foldCase;
    private final boolean keepStageNotes;

    private Tokeniser(boolean foldCase, boolean keepStageNotes) {
        this.foldCase = foldCase;
        this.keepStageNotes = keepStageNotes;
    }

    /** @return the default tokeniser: case kept, stage notes dropped */
    public static Tokeniser standard() {
        return STANDARD;
    }

    /**
     * @param foldCase whether tokens are folded to lower case
     * @param keepStageNotes whether {@code [Laughter]} and {@code [Applause]} are kept (as three tokens each)
     */
    public static Tokeniser of(boolean foldCase, boolean keepStageNotes) {
        return new Tokeniser(foldCase, keepStageNotes);
    }

    /** @return whether tokens are folded to lower case */
    public boolean foldsCase() {
        return foldCase;
    }

    /** @return whether {@code [Laughter]} and {@code [Applause]} are kept */
    public boolean keepsStageNotes() {
        return keepStageNotes;
    }

    /** @return the tokens of {@code text}, as strings (for tests and short texts) */
    public List<String> tokens(String text) {
        final List<String> out = new ArrayList<>();
        tokenise(text, (chars, offset, length) -> out.add(new String(chars, offset, length)));
        return out;
    }

    /** Sends the tokens of {@code text} to {@code sink}, in order. */
    public void tokenise(String text, TokenSink sink) {
        tokenise(text.toCharArray(), 0, text.length(), sink);
    }

    /**
     * Sends the tokens of {@code text[from, to)} to {@code sink}, in order.
     *
     * @param text Not modified
     */
    public void tokenise(char[] text, int from, int to, TokenSink sink) {
        final char[][] fold = foldCase ? new char[][] {new char[64]} : null;
        int i = from;
        while (i < to) {
            final char c = text[i];
            final byte cls;
            final int width;
            if (c < 128) {
                cls = ASCII[c];
                width = 1;
            } else {
                final int cp = Character.codePointAt(text, i, to);
                cls = classify(cp);
                width = Character.charCount(cp);
            }
            if (cls == SEPARATOR) {
                i += width;
            } else if (cls == LETTER || cls == DIGIT) {
                final int end = wordEnd(text, i, to);
                emit(text, i, end - i, sink, fold);
                i = end;
            } else if (c == '[' && !keepStageNotes && isStageNote(text, i, to)) {
                i += STAGE_NOTE_LENGTH;
            } else {
                emit(text, i, width, sink, fold);
                i += width;
            }
        }
    }

    /**
     * @return whether the tokeniser drops {@code cp} as a separator: white space ({@link Character#isWhitespace} or
     *         {@link Character#isSpaceChar}), a control character (Cc) or a format character (Cf)
     */
    static boolean isSeparator(int cp) {
        return (cp < 128 ? ASCII[cp] : classify(cp)) == SEPARATOR;
    }

    @Override
    public String toString() {
        return "words and punctuation, case " + (foldCase ? "folded" : "kept") + ", stage notes " + (keepStageNotes ? "kept" : "dropped");
    }

    /** @return the end of the word starting at {@code start}, a word character */
    private static int wordEnd(char[] s, int start, int to) {
        int i = start;
        boolean lastDigit = false;
        while (true) {
            while (i < to) { // the run of word characters
                final char c = s[i];
                final byte cls;
                int width = 1;
                if (c < 128) {
                    cls = ASCII[c];
                } else {
                    final int cp = Character.codePointAt(s, i, to);
                    cls = classify(cp);
                    width = Character.charCount(cp);
                }
                if (cls == LETTER) {
                    lastDigit = false;
                } else if (cls == DIGIT) {
                    lastDigit = true;
                } else {
                    break;
                }
                i += width;
            }
            if (i + 1 >= to) {
                return i;
            }
            final char c = s[i];
            final byte next = classAt(s, i + 1, to);
            if (c == '\'' || c == '-' || c == '\u2019' || c == '\u2010' || c == '\u2011') {
                if (next != LETTER && next != DIGIT) {
                    return i;
                }
            } else if (c != '.' && c != ',' || !lastDigit || next != DIGIT) {
                return i;
            }
            i++; // the joiner; a word character follows
        }
    }

    private static byte classAt(char[] s, int i, int to) {
        final char c = s[i];
        return c < 128 ? ASCII[c] : classify(Character.codePointAt(s, i, to));
    }

    private static byte classify(int cp) {
        switch (Character.getType(cp)) {
            case Character.DECIMAL_DIGIT_NUMBER:
                return DIGIT;
            case Character.UPPERCASE_LETTER, Character.LOWERCASE_LETTER, Character.TITLECASE_LETTER,
                 Character.MODIFIER_LETTER, Character.OTHER_LETTER, Character.NON_SPACING_MARK,
                 Character.ENCLOSING_MARK, Character.COMBINING_SPACING_MARK, Character.LETTER_NUMBER,
                 Character.OTHER_NUMBER:
                return LETTER;
            case Character.CONTROL, Character.FORMAT:
                return SEPARATOR;
            default:
                if (Character.isWhitespace(cp) || Character.isSpaceChar(cp)) {
                    return SEPARATOR;
                }
                return cp == '\'' || cp == '-' || cp == '\u2019' || cp == '\u2010' || cp == '\u2011' ? JOINER : OTHER;
        }
    }

    /** @return whether {@code s[i, i + 10)}, {@code s[i]} being '[', is [laughter] or [applause] in any case */
    private static boolean isStageNote(char[] s, int i, int to) {
        if (to - i < STAGE_NOTE_LENGTH || s[i + STAGE_NOTE_LENGTH - 1] != ']') {
            return false;
        }
        return matchesLowerCase(s, i + 1, "laughter") || matchesLowerCase(s, i + 1, "applause");
    }

    private static boolean matchesLowerCase(char[] s, int i, String word) {
        for (int k = 0; k < word.length(); k++) {
            final char c = s[i + k];
            if (c >= 128 || (c | 0x20) != word.charAt(k)) { // | 0x20 maps only 'A'-'Z' onto 'a'-'z' among letters
                return false;
            }
        }
        return true;
    }

    /** Sends a token, folded if asked; {@code fold[0]} is a buffer that grows. */
    private void emit(char[] s, int offset, int length, TokenSink sink, char[][] fold) {
        if (!foldCase) {
            sink.token(s, offset, length);
            return;
        }
        boolean upper = false;
        for (int k = offset; k < offset + length; k++) {
            final char c = s[k];
            if (c >= 128) {
                final String lower = new String(s, offset, length).toLowerCase(Locale.ROOT); // rare: non-ASCII rules
                final char[] b = buffer(fold, lower.length());
                lower.getChars(0, lower.length(), b, 0);
                sink.token(b, 0, lower.length());
                return;
            }
            upper |= c >= 'A' && c <= 'Z';
        }
        if (!upper) {
            sink.token(s, offset, length);
            return;
        }
        final char[] b = buffer(fold, length);
        for (int k = 0; k < length; k++) {
            final char c = s[offset + k];
            b[k] = c >= 'A' && c <= 'Z' ? (char) (c | 0x20) : c;
        }
        sink.token(b, 0, length);
    }

    private static char[] buffer(char[][] fold, int length) {
        if (fold[0].length < length) {
            fold[0] = new char[Math.max(length, 2 * fold[0].length)];
        }
        return fold[0];
    }
}
