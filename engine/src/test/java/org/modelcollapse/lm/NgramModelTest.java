package org.modelcollapse.lm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;

class NgramModelTest {
    private static final long SEED = 0x6e67_7261_6d5eL;

    private static List<Smoothing> smoothings(int order) {
        final double[] nltk = new double[order];
        java.util.Arrays.fill(nltk, 0.1);
        nltk[0] = 0;
        return List.of(Smoothing.KneserNey.modified(), new Smoothing.KneserNey(nltk), Smoothing.KneserNey.fixed(0.75, order),
                new Smoothing.AddK(0.5), new Smoothing.MaximumLikelihood());
    }

    /** Random blocks over few words, with a skewed choice so that counts of 1 to 4 and more all occur. */
    private static int[][] randomBlocks(UniformRandomProvider rng, int blocks, int length, int vocabulary) {
        final int[][] b = new int[blocks][length];
        for (int[] block : b) {
            for (int i = 0; i < length; i++) {
                block[i] = Math.min(vocabulary - 1, (int) (vocabulary * Math.pow(rng.nextDouble(), 2)));
            }
        }
        return b;
    }

    private static TokenBlocks text(int[][] blocks) {
        final TokenBlocks t = new TokenBlocks(blocks[0].length);
        for (int[] block : blocks) {
            t.add(block, 0);
        }
        return t;
    }

    /** Histories: every prefix of every training block, and of as many random blocks (mostly unseen). */
    private static List<int[]> histories(int[][] training, int[][] unseen) {
        final List<int[]> all = new ArrayList<>();
        for (int[][] set : new int[][][] {training, unseen}) {
            for (int[] block : set) {
                for (int j = 0; j <= block.length; j++) {
                    all.add(java.util.Arrays.copyOf(block, j));
                }
            }
        }
        return all;
    }

    private static List<Integer> padded(int[] history, int order, int vocabulary) {
        final List<Integer> l = new ArrayList<>();
        for (int i = 0; i < order - 1; i++) {
            l.add(vocabulary);
        }
        for (int t : history) {
            l.add(t);
        }
        return l;
    }

    @Test
    void probabilitiesEqualTheDefinitionsAndSumToOne() {
        final UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(SEED);
        for (int order = 1; order <= 5; order++) {
            for (int vocabulary : new int[] {1, 3, 7}) {
                final int[][] training = randomBlocks(rng, 9, 7, vocabulary);
                final int[][] unseen = randomBlocks(rng, 3, 7, vocabulary);
                for (Smoothing smoothing : smoothings(order)) {
                    final NgramModel model = new NgramModel(order, vocabulary);
                    model.fit(text(training), smoothing);
                    final ReferenceNgram reference = new ReferenceNgram(order, vocabulary, smoothing, training);
                    final NgramModel.Context state = model.newContext();
                    for (int[] history : histories(training, unseen)) {
                        state.startBlock();
                        for (int t : history) {
                            state.append(t);
                        }
                        double sum = 0;
                        for (int w = 0; w < vocabulary; w++) {
                            final double p = model.probability(state, w);
                            final double expected = reference.probability(padded(history, order, vocabulary), w);
                            final String where = "order " + order + " " + smoothing + " history " + java.util.Arrays.toString(history)
                                    + " word " + w + " (seed " + SEED + ")";
                            assertEquals(expected, p, 1e-14, where);
                            sum += p;
                        }
                        assertEquals(1, sum, 1e-13, "sum over words, order " + order + " " + smoothing);
                    }
                }
            }
        }
    }

    /**
     * Modified Kneser–Ney worked by hand. Blocks {a b a b}, {b a b b} (a = 0, b = 1), order 2, so every
     * block starts with BOS. Bigram counts: (BOS a) 1, (BOS b) 1, (a b) 3, (b a) 2, (b b) 1: n_1 = 3,
     * n_2 = 1, n_3 = 1, so Y = 3/5, D1 = 1 - 2 (3/5)(1/3) = 0.6, D2 = 2 - 3 (3/5)(1/1) = 0.2, D3+ = 3 - 0
     * (n_4 = 0) = 3, clamped to 3. Unigram continuation counts: a after {BOS, b} = 2, b after {BOS, a, b} =
     * 3: n_2 = 1, n_3 = 1, n_1 = 0, so Y = 0 and D_r = r: D2 = 2, D3 = 3: both counts vanish and the
     * unigram is uniform, P(a) = P(b) = 1/2. Context b: counts (b a) 2, (b b) 1, total 3: alpha(a) =
     * (2 - 0.2)/3 = 0.6, alpha(b) = (1 - 0.6)/3 = 2/15, gamma = (0.2 + 0.6)/3 = 4/15; P(a | b) = 0.6 +
     * (4/15)(1/2) = 11/15, P(b | b) = 2/15 + 2/15 = 4/15. Context a: (a b) 3, total 3: alpha(b) = 0, gamma
     * = 1 (D3+ = 3 takes it all): P(a | a) = P(b | a) = 1/2.
     */
    @Test
    void modifiedKneserNeyByHand() {
        final NgramModel model = new NgramModel(2, 2);
        model.fit(text(new int[][] {{0, 1, 0, 1}, {1, 0, 1, 1}}), Smoothing.KneserNey.modified());
        assertEquals(0.6, model.discounts(2)[0], 1e-15);
        assertEquals(0.2, model.discounts(2)[1], 1e-15);
        assertEquals(3, model.discounts(2)[2], 1e-15);
        final NgramModel.Context state = model.newContext();
        state.clear();
        state.append(1);
        assertEquals(11.0 / 15, model.probability(state, 0), 1e-15);
        assertEquals(4.0 / 15, model.probability(state, 1), 1e-15);
        state.clear();
        state.append(0);
        assertEquals(0.5, model.probability(state, 0), 1e-15);
        assertEquals(0.5, model.probability(state, 1), 1e-15);
    }

    @Test
    void sortedScorerEqualsTokenByTokenScoringToTheBit() {
        final UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(SEED + 2);
        for (int order = 1; order <= 5; order++) {
            final int vocabulary = 8;
            final int[][] training = randomBlocks(rng, 15, 9, vocabulary);
            final int[] text = new int[101];
            for (int i = 0; i < text.length; i++) {
                text[i] = rng.nextInt(vocabulary);
            }
            for (int length : new int[] {1, 7, 9, 200}) {
                final SortedScorer scorer = new SortedScorer(text, length, order, vocabulary);
                for (Smoothing smoothing : smoothings(order)) {
                    final NgramModel model = new NgramModel(order, vocabulary);
                    model.fit(text(training), smoothing);
                    double expected = 0;
                    for (int from = 0; from < text.length; from += length) {
                        expected += model.logProbability(text, from, Math.min(text.length, from + length), model.newContext());
                    }
                    assertEquals(expected, scorer.logProbability(model), 0, "order " + order + " blocks of " + length + " " + smoothing);
                }
            }
        }
    }

    @Test
    void candidateStreamListsWordsInDescendingProbability() {
        final UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(SEED + 1);
        for (int order = 1; order <= 4; order++) {
            final int vocabulary = 9;
            final int[][] training = randomBlocks(rng, 12, 8, vocabulary);
            for (Smoothing smoothing : smoothings(order)) {
                final NgramModel model = new NgramModel(order, vocabulary);
                model.fit(text(training), smoothing);
                final RankedChildren ranked = new RankedChildren(model);
                ranked.update();
                final CandidateStream stream = new CandidateStream(model, ranked);
                final NgramModel.Context state = model.newContext();
                for (int[] history : histories(training, randomBlocks(rng, 2, 8, vocabulary))) {
                    state.startBlock();
                    for (int t : history) {
                        state.append(t);
                    }
                    stream.start(state);
                    final boolean[] listed = new boolean[vocabulary];
                    double previous = Double.POSITIVE_INFINITY;
                    int positive = 0;
                    for (int w = 0; w < vocabulary; w++) {
                        positive += model.probability(state, w) > 0 ? 1 : 0;
                    }
                    int n = 0;
                    while (stream.next()) {
                        final int w = stream.word();
                        assertTrue(!listed[w], "word listed twice: " + w);
                        listed[w] = true;
                        assertEquals(model.probability(state, w), stream.probability(), 1e-16 * stream.probability());
                        assertTrue(stream.probability() <= previous, "not descending at " + w + ", " + smoothing);
                        previous = stream.probability();
                        n++;
                    }
                    assertEquals(positive, n, "words of positive probability, order " + order + " " + smoothing);
                }
            }
        }
    }
}
