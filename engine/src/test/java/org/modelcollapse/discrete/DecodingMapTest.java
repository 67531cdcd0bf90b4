package org.modelcollapse.discrete;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The decoding maps against hand-computed cases, a plain sort-based reference and the Zipf closed form. */
class DecodingMapTest {
    private static final long SEED = 8128L;

    private static double[] decode(double tau, int k, double p, double... q) {
        return new Decoding(tau, k, p).apply(q);
    }

    @Test
    void temperatureByHand() {
        // tau = 0.5 squares the probabilities: (0.25, 0.09, 0.04) / 0.38.
        assertArrayEquals(new double[] {0.25 / 0.38, 0.09 / 0.38, 0.04 / 0.38}, decode(0.5, 0, 1, 0.5, 0.3, 0.2), 1e-15);
        // tau = 2 takes square roots.
        final double z = Math.sqrt(0.5) + Math.sqrt(0.3) + Math.sqrt(0.2);
        assertArrayEquals(new double[] {Math.sqrt(0.5) / z, Math.sqrt(0.3) / z, Math.sqrt(0.2) / z}, decode(2, 0, 1, 0.5, 0.3, 0.2), 1e-15);
        // Unnormalised weights (counts) give the same map.
        assertArrayEquals(decode(0.5, 0, 1, 0.5, 0.3, 0.2), decode(0.5, 0, 1, 5, 3, 2), 1e-15);
    }

    @Test
    void topKByHandWithHuggingFaceTies() {
        assertArrayEquals(new double[] {0, 0.625, 0.375}, decode(1, 2, 1, 0.2, 0.5, 0.3), 1e-15);
        // Every state tied with the k-th largest is kept (TopKLogitsWarper removes only scores below it).
        assertArrayEquals(new double[] {0.4, 0.2, 0.2, 0.2}, decode(1, 2, 1, 0.4, 0.2, 0.2, 0.2), 1e-15);
        assertArrayEquals(new double[] {0.5, 0.5, 0}, decode(1, 1, 1, 0.4, 0.4, 0.2), 1e-15);
        assertArrayEquals(new double[] {0, 0, 1}, decode(1, 1, 1, 0.3, 0.3, 0.4), 0);
        // k at least the support keeps everything; zero-probability states stay at zero.
        assertArrayEquals(new double[] {0.5, 0, 0.5}, decode(1, 5, 1, 0.5, 0, 0.5), 0);
    }

    @Test
    void topPByHandWithHuggingFaceBoundary() {
        // 1 - 0.8 = 0.19999999999999996 < 0.2: HF keeps all three, and so do we.
        assertArrayEquals(new double[] {0.5, 0.3, 0.2}, decode(1, 0, 0.8, 0.5, 0.3, 0.2), 1e-15);
        assertArrayEquals(new double[] {0.625, 0.375, 0}, decode(1, 0, 0.79, 0.5, 0.3, 0.2), 1e-15);
        assertArrayEquals(new double[] {1, 0, 0}, decode(1, 0, 0.4, 0.5, 0.3, 0.2), 0);
        // At least one state, whatever top-p: the largest.
        assertArrayEquals(new double[] {0, 1, 0}, decode(1, 0, 1e-9, 0.3, 0.4, 0.3), 0);
        // Ties at the boundary: ascending cumulative 0.25, 0.5 <= 0.5 removes two of four equal states; the lower indices survive.
        assertArrayEquals(new double[] {0.5, 0.5, 0, 0}, decode(1, 0, 0.5, 0.25, 0.25, 0.25, 0.25), 0);
    }

    /** HF's order: temperature, then top-k on the tempered scores, then top-p on the tempered top-k distribution. */
    @Test
    void stepsComposeInHuggingFaceOrder() {
        final double[] q = {0.6, 0.25, 0.1, 0.05};
        final double[] tempered = new double[4];
        double z = 0;
        for (int j = 0; j < 4; j++) {
            tempered[j] = Math.sqrt(q[j]);
            z += tempered[j];
        }
        // tau = 2: (0.427, 0.276, 0.174, 0.123); top-k 3: (0.487, 0.314, 0.199); top-p 0.7 removes 0.199 <= 0.3, not 0.199 + 0.314.
        final double kept = tempered[0] + tempered[1];
        assertArrayEquals(new double[] {tempered[0] / kept, tempered[1] / kept, 0, 0}, decode(2, 3, 0.7, q), 1e-15);
        assertTrue(z > 0);
    }

    @Test
    void oneStateAndIdentityReturnTheirInput() {
        final WeightedSupport one = new WeightedSupport(3);
        one.add(1, 7);
        assertSame(one, new DecodingMap(new Decoding(0.01, 1, 0.1), 3).apply(one), "a delta decodes to itself");
        final WeightedSupport two = new WeightedSupport(3);
        two.add(0, 1);
        two.add(2, 3);
        assertSame(two, new DecodingMap(Decoding.NONE, 3).apply(two));
        assertSame(two, new DecodingMap(new Decoding(1, 2, 1), 3).apply(two), "top-k keeping everything changes nothing");
        assertArrayEquals(new double[] {1}, decode(0.01, 1, 0.1, 1), 0, "K = 1");
    }

    /**
     * Temperature maps Zipf(s) to Zipf(s / tau) exactly, far into the tails and for extreme tau: relative
     * error at most 1e-12 wherever the expected probability is a normal double. The reference is
     * {@link InitialDistribution#zipf} at s / tau (powers, not logs; {@code verify}'s D1 rows use a
     * log-space reference).
     */
    @ParameterizedTest
    @ValueSource(doubles = {0.01, 0.3, 2, 100})
    void temperatureMapsZipfToZipf(double tau) {
        for (int k : new int[] {1, 2, 13, 1000, 100_000}) {
            final double s = 1.1;
            final double[] got = new Decoding(tau, 0, 1).apply(InitialDistribution.zipf(k, s).probabilities());
            final double[] expected = InitialDistribution.zipf(k, s / tau).probabilities();
            for (int j = 0; j < k; j++) {
                final double err = Math.abs(got[j] - expected[j]) / Math.max(expected[j], Double.MIN_NORMAL);
                assertTrue(err <= 1e-12, "tau " + tau + ", K " + k + ", state " + j + ": " + got[j] + " vs " + expected[j]);
            }
        }
    }

    /** Top-k of Zipf(K, s) is Zipf(k, s) on the first k states; top-k is idempotent, ties or not. */
    @Test
    void topKTruncatesZipfAndIsIdempotent() {
        final double[] q = InitialDistribution.zipf(1000, 1.1).probabilities();
        for (int k : new int[] {1, 2, 7, 999, 1000, 5000}) {
            final double[] once = decode(1, k, 1, q);
            final double[] expected = InitialDistribution.zipf(Math.min(k, 1000), 1.1).probabilities();
            for (int j = 0; j < 1000; j++) {
                assertEquals(j < k ? expected[j] : 0, once[j], 1e-12 * Math.max(once[j], 1e-300), "k " + k + ", state " + j);
            }
            assertSameUpToRounding(once, decode(1, k, 1, once), "top-k twice, k " + k);
        }
        final SplittableRandom random = new SplittableRandom(SEED);
        for (int trial = 0; trial < 200; trial++) {
            final double[] counts = tiedCounts(random, 1 + random.nextInt(40));
            final int k = 1 + random.nextInt(counts.length + 2);
            final double[] once = decode(1, k, 1, counts);
            assertSameUpToRounding(once, decode(1, k, 1, once), "top-k twice, seed " + SEED + ", trial " + trial);
        }
    }

    /** The same support, and the same probabilities up to the rounding of renormalising (a sum of up to K terms). */
    private static void assertSameUpToRounding(double[] a, double[] b, String what) {
        assertArrayEquals(nonZero(a), nonZero(b), what + ": support");
        for (int j = 0; j < a.length; j++) {
            assertEquals(a[j], b[j], 1e-13 * a[j], what + ", state " + j);
        }
    }

    /**
     * After one application of top-p, the kept distribution p' (sorted descending, n states) is a fixed
     * point exactly when its smallest probability exceeds 1 - top-p: applying top-p again keeps the
     * smallest m with S'_m &gt;= top-p, and m = n iff S'_(n-1) = 1 - p'_n &lt; top-p. Checked on random
     * distributions (away from the floating-point boundary) against a second application.
     */
    @Test
    void topPFixedPointCriterion() {
        final SplittableRandom random = new SplittableRandom(SEED + 1);
        int fixed = 0;
        int trials = 0;
        for (int trial = 0; trial < 2000; trial++) {
            final int k = 1 + random.nextInt(30);
            final double[] p = new double[k];
            for (int j = 0; j < k; j++) {
                p[j] = -Math.log(random.nextDouble()); // exponential weights: a flat Dirichlet after normalising
            }
            final double topP = 0.05 + 0.9 * random.nextDouble();
            final double[] once = decode(1, 0, topP, p);
            double smallest = 1;
            for (double v : once) {
                smallest = v > 0 ? Math.min(smallest, v) : smallest;
            }
            if (Math.abs(smallest - (1 - topP)) < 1e-9) {
                continue; // at the boundary rounding decides
            }
            trials++;
            final boolean isFixed = java.util.Arrays.equals(nonZero(once), nonZero(decode(1, 0, topP, once)));
            assertEquals(smallest > 1 - topP, isFixed, "top-p " + topP + ", trial " + trial + " (seed " + SEED + ")");
            fixed += isFixed ? 1 : 0;
        }
        assertTrue(fixed > 100 && fixed < trials - 100, "both cases occur: " + fixed + " of " + trials);
    }

    private static boolean[] nonZero(double[] p) {
        final boolean[] out = new boolean[p.length];
        for (int j = 0; j < p.length; j++) {
            out[j] = p[j] > 0;
        }
        return out;
    }

    /** The workspace map against a plain reference (boxed sort, HF's formulas) on random distributions with ties, sizes 1 to 300. */
    @Test
    void agreesWithAReferenceImplementation() {
        final SplittableRandom random = new SplittableRandom(SEED + 2);
        final int[] sizes = {1, 2, 3, 4, 6, 8, 13, 16, 25, 64, 100, 207, 300};
        for (int trial = 0; trial < 600; trial++) {
            final int k = sizes[trial % sizes.length];
            final double[] w = trial % 2 == 0 ? tiedCounts(random, k) : zipfLike(random, k);
            final double tau = new double[] {1, 0.01, 0.5, 1.7, 100}[random.nextInt(5)];
            final int topK = random.nextInt(3) == 0 ? 0 : 1 + random.nextInt(k + 1);
            final double topP = random.nextInt(3) == 0 ? 1 : 0.02 + 0.97 * random.nextDouble();
            final double[] got = decode(tau, topK, topP, w);
            final double[] want = reference(w, tau, topK, topP);
            for (int j = 0; j < k; j++) {
                assertEquals(want[j], got[j], 1e-13 * want[j], "trial " + trial + " (seed " + SEED + "), K " + k + ", tau " + tau
                        + ", top-k " + topK + ", top-p " + topP + ", state " + j);
            }
        }
    }

    /** A sort-based reference for the three steps, as HF writes them. */
    private static double[] reference(double[] w, double tau, int topK, double topP) {
        final int k = w.length;
        final double[] logit = new double[k];
        double max = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < k; j++) {
            logit[j] = w[j] > 0 ? (tau == 1 ? w[j] : Math.log(w[j]) / tau) : Double.NEGATIVE_INFINITY;
            max = Math.max(max, logit[j]);
        }
        final List<Integer> alive = new ArrayList<>();
        for (int j = 0; j < k; j++) {
            if (w[j] > 0) {
                alive.add(j);
            }
        }
        // Descending by logit, lower index first among ties.
        alive.sort(Comparator.<Integer>comparingDouble(j -> -logit[j]).thenComparingInt(j -> j));
        List<Integer> kept = alive;
        if (topK > 0 && topK < alive.size()) {
            final double kth = logit[alive.get(topK - 1)];
            kept = alive.stream().filter(j -> logit[j] >= kth).toList();
        }
        final double mx = max;
        final double[] weight = new double[k];
        double total = 0;
        for (int j : kept) {
            weight[j] = tau == 1 ? w[j] : Math.exp(logit[j] - mx);
            total += weight[j];
        }
        if (topP < 1) {
            double cumulative = 0;
            final List<Integer> ascending = new ArrayList<>(kept);
            java.util.Collections.reverse(ascending);
            for (int i = 0; i < ascending.size() - 1; i++) {
                cumulative += weight[ascending.get(i)] / total;
                if (cumulative > 1 - topP) {
                    break;
                }
                weight[ascending.get(i)] = 0;
            }
        }
        double sum = 0;
        for (double v : weight) {
            sum += v;
        }
        for (int j = 0; j < k; j++) {
            weight[j] /= sum;
        }
        return weight;
    }

    /** Small integer counts, so that ties are common; at least one positive. */
    private static double[] tiedCounts(SplittableRandom random, int k) {
        final double[] c = new double[k];
        for (int j = 0; j < k; j++) {
            c[j] = random.nextInt(5);
        }
        c[random.nextInt(k)] += 1;
        return c;
    }

    private static double[] zipfLike(SplittableRandom random, int k) {
        final double[] c = new double[k];
        for (int j = 0; j < k; j++) {
            c[j] = Math.pow(1 + random.nextInt(3 * k), -1.3);
        }
        return c;
    }

    @Test
    void rejectsBadParameters() {
        for (double tau : new double[] {0, -1, Double.NaN, Double.POSITIVE_INFINITY}) {
            assertThrows(IllegalArgumentException.class, () -> new Decoding(tau, 0, 1), "tau " + tau);
        }
        assertThrows(IllegalArgumentException.class, () -> new Decoding(1, -1, 1));
        for (double p : new double[] {0, -0.1, 1.0000001, Double.NaN}) {
            assertThrows(IllegalArgumentException.class, () -> new Decoding(1, 0, p), "top-p " + p);
        }
        assertThrows(IllegalArgumentException.class, () -> new Curation(1, new double[] {0, 1}));
        assertThrows(IllegalArgumentException.class, () -> new Curation(2, new double[] {0, Double.NaN}));
    }
}
