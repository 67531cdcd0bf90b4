package org.modelcollapse.lm;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A deterministic split of a corpus into training, validation and test parts, by document (as wikitext's split is by
 * article), recorded in a run's manifest (issue 15 §1).
 *
 * <p>The rule. The n documents are put in <em>hash order</em>: by the first 8 bytes of the SHA-256 of the document's
 * name in UTF-8, read as an unsigned big-endian long, ties by name. Let a = round(test share · n) and b =
 * round(validation share · n) ({@link Math#round(double)}, halves up).
 * <ul>
 * <li><b>By document</b>, when that leaves every part its documents (n - a - b &gt;= 1, and a &gt;= 1 unless the test
 * share is 0, and b &gt;= 1 unless the validation share is 0): the first a documents in hash order are the test part,
 * the next b the validation part, the rest the training part.</li>
 * <li><b>By token</b> otherwise (a single document, or too few for the shares: with the default shares of 0.1, fewer
 * than 5 documents): the documents' tokens are concatenated in hash order, N tokens in all, and cut into the first N -
 * A - B for training, the next B = round(validation share · N) for validation and the last A = round(test share · N)
 * for test; a document may then lie across two parts. If even that leaves a part with a positive share (or the
 * training part) empty, the split is refused.</li>
 * </ul>
 * Consequences that hold and are tested: the split depends on the set of names and the token counts, not on the order
 * the documents are given in; in the by-document mode it does not depend on the token counts, and adding one document
 * changes the part of at most two of the others, each into a neighbouring part (between test and validation, or
 * validation and training; between test and training when the validation share is 0): the parts are consecutive runs
 * of the hash order, test, validation, training, and adding a document moves each end of a run by at most one place.
 */
public final class CorpusSplit {
    /** The three parts. */
    public enum Part {
        TRAIN, VALIDATION, TEST;

        /** @return the part's name in lower case, for the manifest */
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** How the corpus was cut. */
    public enum Mode {
        /** every document lies in one part */
        DOCUMENT,
        /** the concatenated tokens were cut */
        TOKEN
    }

    /**
     * The tokens {@code [from, to)} of one document, lying in one part.
     *
     * @param document the document's name
     */
    public record Segment(String document, int from, int to) {
    }

    /** The default share of the validation part, and of the test part. */
    public static final double DEFAULT_SHARE = 0.1;

    private final Mode mode;
    private final double validationShare;
    private final double testShare;
    private final List<String> order;
    private final Map<Part, List<Segment>> segments;

    private CorpusSplit(Mode mode, double validationShare, double testShare, List<String> order, Map<Part, List<Segment>> segments) {
        this.mode = mode;
        this.validationShare = validationShare;
        this.testShare = testShare;
        this.order = order;
        this.segments = segments;
    }

    /**
     * Splits by the rule of the class comment.
     *
     * @param names the documents' names, distinct; Not modified
     * @param tokens {@code tokens[i]} is the number of tokens of document {@code names.get(i)}; Not modified
     * @param validationShare in [0, 1)
     * @param testShare in [0, 1), with validationShare + testShare &lt; 1
     * @throws IllegalArgumentException if a share is out of range, the names repeat, or the text is too short to split
     */
    public static CorpusSplit of(List<String> names, int[] tokens, double validationShare, double testShare) {
        checkShare("validation share", validationShare);
        checkShare("test share", testShare);
        if (!(validationShare + testShare < 1)) {
            throw new IllegalArgumentException("validation share + test share is not below 1: " + validationShare + " + " + testShare);
        }
        final int n = names.size();
        if (tokens.length != n) {
            throw new IllegalArgumentException(n + " names but " + tokens.length + " token counts");
        }
        final Set<String> seen = new HashSet<>();
        final Integer[] ranked = new Integer[n];
        final long[] hash = new long[n];
        for (int i = 0; i < n; i++) {
            if (!seen.add(names.get(i))) {
                throw new IllegalArgumentException("two documents are named " + names.get(i));
            }
            if (tokens[i] < 0) {
                throw new IllegalArgumentException("document " + names.get(i) + " has a negative token count: " + tokens[i]);
            }
            ranked[i] = i;
            hash[i] = hash(names.get(i));
        }
        Arrays.sort(ranked, (x, y) -> {
            final int c = Long.compareUnsigned(hash[x], hash[y]);
            return c != 0 ? c : names.get(x).compareTo(names.get(y));
        });
        final List<String> order = new ArrayList<>(n);
        for (Integer i : ranked) {
            order.add(names.get(i));
        }
        final Map<Part, List<Segment>> parts = new EnumMap<>(Part.class);
        for (Part p : Part.values()) {
            parts.put(p, new ArrayList<>());
        }
        final long a = Math.round(testShare * n);
        final long b = Math.round(validationShare * n);
        final Mode mode;
        if (fits(n, a, b, validationShare, testShare)) {
            mode = Mode.DOCUMENT;
            for (int r = 0; r < n; r++) {
                final Part p = r < a ? Part.TEST : r < a + b ? Part.VALIDATION : Part.TRAIN;
                parts.get(p).add(new Segment(order.get(r), 0, tokens[ranked[r]]));
            }
        } else {
            mode = Mode.TOKEN;
            long total = 0;
            for (int t : tokens) {
                total += t;
            }
            final long testTokens = Math.round(testShare * total);
            final long validationTokens = Math.round(validationShare * total);
            if (!fits(total, testTokens, validationTokens, validationShare, testShare)) {
                throw new IllegalArgumentException("too little text to split into training, validation and test parts: " + total
                        + " tokens in " + n + (n == 1 ? " document" : " documents"));
            }
            final long trainEnd = total - testTokens - validationTokens;
            final long validationEnd = total - testTokens;
            long start = 0; // of the current document in the concatenation
            for (int r = 0; r < n; r++) {
                final long end = start + tokens[ranked[r]];
                cut(parts.get(Part.TRAIN), order.get(r), start, end, 0, trainEnd);
                cut(parts.get(Part.VALIDATION), order.get(r), start, end, trainEnd, validationEnd);
                cut(parts.get(Part.TEST), order.get(r), start, end, validationEnd, total);
                start = end;
            }
        }
        parts.replaceAll((p, list) -> List.copyOf(list));
        return new CorpusSplit(mode, validationShare, testShare, List.copyOf(order), parts);
    }

    /** @return how the corpus was cut */
    public Mode mode() {
        return mode;
    }

    /** @return the share asked for the validation part */
    public double validationShare() {
        return validationShare;
    }

    /** @return the share asked for the test part */
    public double testShare() {
        return testShare;
    }

    /** @return every document's name, in hash order; unmodifiable */
    public List<String> order() {
        return order;
    }

    /** @return the pieces of the part, in hash order; unmodifiable */
    public List<Segment> segments(Part part) {
        return segments.get(part);
    }

    /** @return the names of the documents with tokens in the part (by document: all of its documents), in hash order */
    public List<String> names(Part part) {
        final List<String> out = new ArrayList<>();
        for (Segment s : segments.get(part)) {
            if (mode == Mode.DOCUMENT || s.to() > s.from()) {
                out.add(s.document());
            }
        }
        return List.copyOf(out);
    }

    /** @return the number of tokens in the part */
    public long tokens(Part part) {
        long sum = 0;
        for (Segment s : segments.get(part)) {
            sum += s.to() - s.from();
        }
        return sum;
    }

    /** @return the first 8 bytes of the SHA-256 of the name in UTF-8, big-endian (compare them unsigned) */
    static long hash(String name) {
        final byte[] d;
        try {
            d = MessageDigest.getInstance("SHA-256").digest(name.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e); // every JDK must provide it
        }
        long h = 0;
        for (int k = 0; k < 8; k++) {
            h = h << 8 | (d[k] & 0xFF);
        }
        return h;
    }

    private static boolean fits(long n, long test, long validation, double validationShare, double testShare) {
        return n - test - validation >= 1 && (test >= 1 || testShare == 0) && (validation >= 1 || validationShare == 0);
    }

    /** Adds the overlap of a document's tokens [start, end) with the part [from, to) of the concatenation, if any. */
    private static void cut(List<Segment> part, String name, long start, long end, long from, long to) {
        final long lo = Math.max(start, from);
        final long hi = Math.min(end, to);
        if (lo < hi) {
            part.add(new Segment(name, (int) (lo - start), (int) (hi - start)));
        }
    }

    private static double checkShare(String name, double share) {
        if (!(share >= 0 && share < 1)) {
            throw new IllegalArgumentException(name + " is not in [0, 1): " + share);
        }
        return share;
    }
}
