package org.modelcollapse.lm;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A direct, slow transcription of the smoothing definitions (maps of n-gram lists, sets of left
 * extensions), independent of the trie, to check {@link NgramModel} against.
 */
final class ReferenceNgram {
    private final int order;
    private final int vocabulary;
    private final Smoothing smoothing;
    /** counts of n-grams (as lists, BOS = vocabulary) that end in a real token. */
    private final Map<List<Integer>, Integer> counts = new HashMap<>();
    private final Map<List<Integer>, Set<Integer>> leftExtensions = new HashMap<>();

    ReferenceNgram(int order, int vocabulary, Smoothing smoothing, int[][] blocks) {
        this.order = order;
        this.vocabulary = vocabulary;
        this.smoothing = smoothing;
        for (int[] block : blocks) {
            final int[] padded = new int[order - 1 + block.length];
            Arrays.fill(padded, 0, order - 1, vocabulary);
            System.arraycopy(block, 0, padded, order - 1, block.length);
            for (int end = order - 1; end < padded.length; end++) {
                for (int k = 1; k <= order; k++) {
                    final List<Integer> gram = slice(padded, end - k + 1, end + 1);
                    counts.merge(gram, 1, Integer::sum);
                    if (k < order) {
                        leftExtensions.computeIfAbsent(gram, g -> new HashSet<>()).add(padded[end - k]);
                    }
                }
            }
        }
    }

    private static List<Integer> slice(int[] a, int from, int to) {
        final List<Integer> l = new ArrayList<>();
        for (int i = from; i < to; i++) {
            l.add(a[i]);
        }
        return l;
    }

    /** The count order |gram| is smoothed from. */
    private int count(List<Integer> gram) {
        if (gram.size() == order || !(smoothing instanceof Smoothing.KneserNey)) {
            return counts.getOrDefault(gram, 0);
        }
        return leftExtensions.getOrDefault(gram, Set.of()).size();
    }

    /** @return P(w | context), context of any length (its last N - 1 tokens are used), BOS = vocabulary allowed */
    double probability(List<Integer> context, int w) {
        final List<Integer> h = context.size() > order - 1 ? context.subList(context.size() - (order - 1), context.size()) : context;
        return switch (smoothing) {
            case Smoothing.AddK addK -> {
                if (h.size() < order - 1 || !seen(h)) {
                    yield 1.0 / vocabulary;
                }
                final List<Integer> g = with(h, w);
                yield (counts.getOrDefault(g, 0) + addK.k()) / (followers(h) + addK.k() * vocabulary);
            }
            case Smoothing.MaximumLikelihood ml -> {
                List<Integer> c = h;
                while (!c.isEmpty() && followers(c) == 0) {
                    c = c.subList(1, c.size());
                }
                final double total = followers(c);
                yield total == 0 ? 1.0 / vocabulary : counts.getOrDefault(with(c, w), 0) / total;
            }
            case Smoothing.KneserNey kn -> kneserNey(h, w, kn);
        };
    }

    private boolean seen(List<Integer> h) {
        return h.isEmpty() || counts.containsKey(h) || h.stream().allMatch(t -> t == vocabulary);
    }

    private double followers(List<Integer> h) {
        double total = 0;
        for (int v = 0; v < vocabulary; v++) {
            total += counts.getOrDefault(with(h, v), 0);
        }
        return total;
    }

    private double kneserNey(List<Integer> h, int w, Smoothing.KneserNey kn) {
        final double lower = h.isEmpty() ? 1.0 / vocabulary : kneserNey(h.subList(1, h.size()), w, kn);
        final int k = h.size() + 1;
        double total = 0;
        double discounted = 0;
        final double[] d = discounts(k, kn);
        for (int v = 0; v < vocabulary; v++) {
            final int c = count(with(h, v));
            total += c;
            discounted += c == 0 ? 0 : Math.min(c, d[Math.min(c, 3)]);
        }
        if (total == 0) {
            return lower;
        }
        final int c = count(with(h, w));
        final double own = c == 0 ? 0 : (c - Math.min(c, d[Math.min(c, 3)])) / total;
        return own + discounted / total * lower;
    }

    /** D_1..D_3 (index 1..3) of order k. */
    double[] discounts(int k, Smoothing.KneserNey kn) {
        if (kn.discounts() != null) {
            final double d = kn.discounts()[k - 1];
            return new double[] {0, d, d, d};
        }
        final long[] n = new long[5];
        for (List<Integer> g : counts.keySet()) {
            if (g.size() == k) {
                final int c = count(g);
                if (c >= 1 && c <= 4) {
                    n[c]++;
                }
            }
        }
        final double y = n[1] + 2 * n[2] == 0 ? 0 : n[1] / (double) (n[1] + 2 * n[2]);
        final double[] d = new double[4];
        for (int r = 1; r <= 3; r++) {
            final double term = y == 0 || n[r + 1] == 0 ? 0 : n[r] == 0 ? Double.POSITIVE_INFINITY : (r + 1) * y * n[r + 1] / n[r];
            d[r] = Math.min(r, Math.max(0, r - term));
        }
        return d;
    }

    private static List<Integer> with(List<Integer> h, int w) {
        final List<Integer> g = new ArrayList<>(h);
        g.add(w);
        return g;
    }
}
