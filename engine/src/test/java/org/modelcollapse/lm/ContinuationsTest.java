package org.modelcollapse.lm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;
import org.modelcollapse.StatAssert;

/**
 * The decoders against exact distributions: draws by chi-square (StatAssert's per-check false-alarm rate),
 * searches against exhaustive search and a direct transcription of beam search.
 */
class ContinuationsTest {
    private static final long SEED = 0x636f_6e74_696eL;
    private static final int V = 6;

    private static NgramModel model(int order, Smoothing smoothing, long seed) {
        final UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
        final TokenBlocks text = new TokenBlocks(13);
        for (int b = 0; b < 23; b++) {
            final int at = text.reserve();
            for (int i = 0; i < 13; i++) {
                // words 0..3 only, so that 4 and 5 are unseen and tie under Kneser–Ney's uniform floor
                text.tokens()[at + i] = Math.min(3, (int) (4 * Math.pow(rng.nextDouble(), 1.5)));
            }
        }
        final NgramModel m = new NgramModel(order, V);
        m.fit(text, smoothing);
        return m;
    }

    /** @return P(. | prompt) for every word */
    private static double[] distribution(NgramModel m, int[] prompt) {
        final NgramModel.Context c = m.newContext();
        c.clear();
        for (int t : prompt) {
            c.append(t);
        }
        final double[] p = new double[m.vocabulary()];
        m.fill(c, p);
        return p;
    }

    @Test
    void samplingDrawsPairsFromTheModel() {
        final UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(SEED);
        for (int order = 1; order <= 4; order++) {
            for (Smoothing smoothing : List.of(Smoothing.KneserNey.modified(), new Smoothing.MaximumLikelihood(), new Smoothing.AddK(0.3))) {
                final NgramModel m = model(order, smoothing, SEED + order);
                final Continuations decoder = new Continuations(m, Decoding.sampling());
                decoder.refitted();
                final int[] prompt = {1, 0, 2};
                final int draws = 200_000;
                final long[] pairs = new long[V * V];
                final int[] out = new int[2];
                for (int i = 0; i < draws; i++) {
                    decoder.continuation(prompt, 0, prompt.length, out, 0, 2, rng);
                    pairs[out[0] * V + out[1]]++;
                }
                final double[] first = distribution(m, prompt);
                final double[] expected = new double[V * V];
                for (int a = 0; a < V; a++) {
                    final int[] longer = Arrays.copyOf(prompt, prompt.length + 1);
                    longer[prompt.length] = a;
                    final double[] second = distribution(m, longer);
                    for (int b = 0; b < V; b++) {
                        expected[a * V + b] = first[a] * second[b];
                        if (expected[a * V + b] == 0) {
                            assertEquals(0, pairs[a * V + b], "a pair of probability 0 was drawn, order " + order + " " + smoothing);
                        }
                    }
                }
                StatAssert.chiSquareFits("pairs, order " + order + " " + smoothing, SEED, pairs, expected);
            }
        }
    }

    /** The Hugging Face pipeline on the whole distribution: penalty on the prompt's words, then the categorical chain's map. */
    private static double[] processed(NgramModel m, int[] prompt, Decoding d) {
        final double[] p = distribution(m, prompt);
        for (int t : prompt) {
            p[t] = Math.pow(p[t], d.repetitionPenalty());
        }
        return new org.modelcollapse.discrete.Decoding(d.temperature(), d.topK(), d.topP()).apply(p);
    }

    @Test
    void processedSamplingFollowsTheHuggingFacePipeline() {
        final UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(SEED + 10);
        final List<Decoding> decodings = List.of(new Decoding(0, 0.7, 0, 1, 1), new Decoding(0, 1, 2, 1, 1), new Decoding(0, 1, 5, 1, 1),
                new Decoding(0, 1.5, 3, 0.8, 1), new Decoding(0, 1, 0, 0.6, 1), new Decoding(0, 1, 0, 1, 1.5), new Decoding(0, 1, 0, 0.9, 1.5),
                new Decoding(0, 0.5, 0, 1, 2), new Decoding(0, 1, 4, 1, 0.7), new Decoding(0, 2, 0, 0.95, 0.8));
        for (int order = 1; order <= 3; order++) {
            final NgramModel m = model(order, Smoothing.KneserNey.modified(), SEED + 20 + order);
            for (Decoding d : decodings) {
                final Continuations decoder = new Continuations(m, d);
                decoder.refitted();
                final int[] prompt = {3, 1};
                final int draws = 100_000;
                final long[] counts = new long[V];
                final int[] out = new int[1];
                for (int i = 0; i < draws; i++) {
                    decoder.continuation(prompt, 0, prompt.length, out, 0, 1, rng);
                    counts[out[0]]++;
                }
                final double[] expected = processed(m, prompt, d);
                for (int w = 0; w < V; w++) {
                    if (expected[w] == 0) {
                        assertEquals(0, counts[w], "word " + w + " is outside " + d + ", order " + order + " (seed " + SEED + ")");
                    }
                }
                StatAssert.chiSquareFits(d + ", order " + order, SEED, counts, expected);
            }
        }
    }

    /** ln P of a sequence after a prompt, each word's logit multiplied by theta once it has been seen. */
    private static double score(NgramModel m, int[] prompt, int[] continuation, double theta) {
        final NgramModel.Context c = m.newContext();
        c.clear();
        final boolean[] seen = new boolean[m.vocabulary()];
        for (int t : prompt) {
            c.append(t);
            seen[t] = true;
        }
        double s = 0;
        for (int w : continuation) {
            final double logP = Math.log(m.probability(c, w));
            s += seen[w] ? theta * logP : logP;
            seen[w] = true;
            c.append(w);
        }
        return s;
    }

    @Test
    void wideBeamSearchFindsTheExhaustiveBest() {
        final int length = 4;
        for (int order = 1; order <= 3; order++) {
            for (double theta : new double[] {1, 1.3}) {
                final NgramModel m = model(order, Smoothing.KneserNey.modified(), SEED + 30 + order);
                final int[] prompt = {2, 0};
                double best = Double.NEGATIVE_INFINITY;
                int[] argBest = null;
                final int[] seq = new int[length];
                for (int code = 0; code < Math.pow(V, length); code++) {
                    for (int i = 0, c = code; i < length; i++, c /= V) {
                        seq[i] = c % V;
                    }
                    final double s = score(m, prompt, seq, theta);
                    if (s > best) {
                        best = s;
                        argBest = seq.clone();
                    }
                }
                final Continuations beam = new Continuations(m, Decoding.beam((int) Math.pow(V, length - 1), theta));
                beam.refitted();
                final int[] out = new int[length];
                beam.continuation(prompt, 0, prompt.length, out, 0, length, null);
                assertEquals(best, score(m, prompt, out, theta), 1e-12, "order " + order + " theta " + theta + ": " + Arrays.toString(out)
                        + " against " + Arrays.toString(argBest));
            }
        }
    }

    /** Beam search written directly: every extension of every beam scored, the B best kept (ties: earlier beam, then smaller word). */
    private static int[] referenceBeam(NgramModel m, int[] prompt, int width, int length, double theta) {
        int[][] beams = {new int[0]};
        double[] scores = {0};
        for (int t = 0; t < length; t++) {
            final int n = beams.length * m.vocabulary();
            final double[] s = new double[n];
            final Integer[] order = new Integer[n];
            for (int b = 0; b < beams.length; b++) {
                for (int w = 0; w < m.vocabulary(); w++) {
                    final int[] extended = Arrays.copyOf(beams[b], t + 1);
                    extended[t] = w;
                    s[b * m.vocabulary() + w] = score(m, prompt, extended, theta);
                    order[b * m.vocabulary() + w] = b * m.vocabulary() + w;
                }
            }
            Arrays.sort(order, (x, y) -> Double.compare(s[y], s[x]));
            final int keep = Math.min(width, n);
            final int[][] next = new int[keep][];
            final double[] nextScores = new double[keep];
            for (int i = 0; i < keep; i++) {
                final int b = order[i] / m.vocabulary();
                next[i] = Arrays.copyOf(beams[b], t + 1);
                next[i][t] = order[i] % m.vocabulary();
                nextScores[i] = s[order[i]];
            }
            beams = next;
            scores = nextScores;
        }
        return beams[0];
    }

    @Test
    void beamSearchEqualsItsDefinition() {
        for (int order = 1; order <= 4; order++) {
            for (int width : new int[] {1, 2, 3, 5}) {
                for (double theta : new double[] {1, 1.2, 3}) {
                    final NgramModel m = model(order, Smoothing.KneserNey.modified(), SEED + 40 + order);
                    final int[] prompt = {1, 1, 3};
                    final int[] expected = referenceBeam(m, prompt, width, 6, theta);
                    final Continuations beam = new Continuations(m, Decoding.beam(width, theta));
                    beam.refitted();
                    final int[] out = new int[6];
                    beam.continuation(prompt, 0, prompt.length, out, 0, 6, null);
                    assertArrayEquals(expected, out, "order " + order + " B " + width + " theta " + theta);
                }
            }
        }
    }
}
