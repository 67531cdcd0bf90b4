package org.modelcollapse.lm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;
import org.modelcollapse.process.Regime;
import org.modelcollapse.random.ReplicateStreams;

/** The language-model chain: generation 0 and 1, the procedure's sizes, determinism, absorption, allocation. */
class LmChainTest {
    private static final long SEED = 0x6c6d_6368_6169L;

    /** 40 blocks of 16 tokens over 50 words, skewed. */
    static TokenBlocks text(long seed) {
        final UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
        final int[] ids = new int[40 * 16];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = Math.min(49, (int) (50 * Math.pow(rng.nextDouble(), 2.5)));
        }
        return TokenBlocks.cut(ids, 16);
    }

    static LmSpec spec(Smoothing smoothing, Decoding decoding, Regime regime) {
        final int[] test = java.util.Arrays.copyOf(text(SEED + 99).tokens(), 100);
        return new LmSpec(3, smoothing, decoding, text(SEED), test, 50, regime);
    }

    @Test
    void generationOneIsTheFitToTheOriginalAndTextsKeepTheirSize() {
        final LmChain chain = LmChain.create(spec(Smoothing.KneserNey.modified(), Decoding.sampling(), Regime.replace()), ReplicateStreams.of(SEED).next());
        final double[] zero = chain.metrics().clone();
        chain.step();
        assertArrayEquals(zero, chain.metrics(), 0, "generation 1 is generation 0's model");
        chain.step();
        assertEquals(40, chain.current().data().blocks(), "as many continuations as prompts");
        assertTrue(chain.metrics()[LmMetric.TEST_PERPLEXITY.ordinal()] != zero[LmMetric.TEST_PERPLEXITY.ordinal()]);
    }

    @Test
    void theSameSeedGivesTheSameRun() {
        for (Decoding d : new Decoding[] {Decoding.sampling(), Decoding.beam(3, 1.2), new Decoding(0, 0.8, 5, 0.9, 1.1)}) {
            final LmSpec spec = spec(Smoothing.KneserNey.modified(), d, Regime.mix(0.8, 0.1, 0.1));
            final LmChain a = LmChain.create(spec, ReplicateStreams.of(SEED + 1).next());
            final LmChain b = LmChain.create(spec, ReplicateStreams.of(SEED + 1).next());
            for (int g = 0; g < 6; g++) {
                a.step();
                b.step();
            }
            assertArrayEquals(a.metrics(), b.metrics(), 0, d.toString());
        }
    }

    /**
     * Curation keeps, of each prompt's n candidates (the same draws, replayed with the family's stream), the k of
     * the highest reward, in order of reward: for a word list and for generation 0's log-likelihood.
     */
    @Test
    void curationKeepsTheBestKOfN() {
        final double[] weights = new double[50];
        weights[0] = 1;
        weights[3] = 2.5;
        for (BestOfN.Reward reward : new BestOfN.Reward[] {new BestOfN.WordWeights(weights), new BestOfN.Likelihood()}) {
            final BestOfN curation = new BestOfN(4, 2, reward);
            final LmSpec spec = new LmSpec(3, Smoothing.KneserNey.modified(), Decoding.sampling(), text(SEED), new int[] {1, 2, 3}, 50, Regime.replace(),
                    curation);
            final LmFamily family = new LmFamily(spec);
            final LanguageModel model = family.newModel();
            family.reset(RandomSource.XO_RO_SHI_RO_128_PP.create(SEED + 5));
            family.original(model);
            final TokenBlocks out = family.newData();
            // 80 blocks at k = 2 take every one of the 40 prompts, in order (fewer would take a random subset).
            family.draw(model, 80, out);
            assertEquals(80, out.blocks());
            final NgramModel fitted = new NgramModel(3, 50);
            fitted.fit(spec.original(), spec.smoothing());
            final Continuations replay = new Continuations(fitted, Decoding.sampling());
            final UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(SEED + 5);
            final int[] candidates = new int[4 * 16];
            for (int prompt = 0; prompt < 40; prompt++) {
                replay.candidates(spec.original().tokens(), prompt * 16, 16, candidates, 0, 16, 4, rng);
                final double[] r = new double[4];
                for (int c = 0; c < 4; c++) {
                    if (reward instanceof BestOfN.WordWeights) {
                        for (int t = 0; t < 16; t++) {
                            r[c] += weights[candidates[c * 16 + t]];
                        }
                    } else {
                        final NgramModel.Context h = fitted.newContext();
                        h.clear();
                        h.append(spec.original().tokens()[prompt * 16 + 14]);
                        h.append(spec.original().tokens()[prompt * 16 + 15]);
                        for (int t = 0; t < 16; t++) {
                            r[c] += Math.log(fitted.scoreAndAppend(h, candidates[c * 16 + t]));
                        }
                    }
                }
                final Integer[] byReward = {0, 1, 2, 3};
                java.util.Arrays.sort(byReward, (a, b) -> Double.compare(r[b], r[a]));
                for (int kept = 0; kept < 2; kept++) {
                    final int[] expected = java.util.Arrays.copyOfRange(candidates, byReward[kept] * 16, byReward[kept] * 16 + 16);
                    final int block = prompt * 2 + kept;
                    assertArrayEquals(expected, java.util.Arrays.copyOfRange(out.tokens(), block * 16, block * 16 + 16),
                            reward + ": prompt " + prompt + ", kept " + kept);
                }
            }
        }
    }

    /** Maximum likelihood at order 1 in replace is Wright–Fisher: it is absorbed, into one word, and stays there. */
    @Test
    void aUnigramWithoutSmoothingIsAbsorbed() {
        final int[] ids = new int[4 * 4];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = i % 2;
        }
        final LmSpec spec = new LmSpec(1, new Smoothing.MaximumLikelihood(), Decoding.sampling(), TokenBlocks.cut(ids, 4), new int[] {0, 1}, 2,
                Regime.replace());
        assertTrue(LmChain.canAbsorb(spec));
        final LmChain chain = LmChain.create(spec, ReplicateStreams.of(SEED + 2).next());
        for (int g = 0; g < 500 && !chain.absorbed(); g++) {
            chain.step();
        }
        assertTrue(chain.absorbed(), "16 tokens of two words are absorbed within 500 generations with probability 1 - 1e-20 or so");
        assertEquals(1, chain.metrics()[LmMetric.ALIVE_VOCABULARY.ordinal()]);
        assertEquals(Double.POSITIVE_INFINITY, chain.metrics()[LmMetric.TEST_PERPLEXITY.ordinal()], "the lost word has probability 0");
    }

    /**
     * step() and metrics() allocate nothing after warm-up, measured in a JVM of its own ({@link AllocationProbe}): the median over
     * 21 rounds of 50 generations is 0 bytes, for sampling, beam search and processed sampling.
     */
    @Test
    void stepAllocatesNothing() throws Exception {
        final String[] rounds = org.modelcollapse.FreshJvm.run(AllocationProbe.class).out().strip().split("\\s+");
        final long[] bytes = java.util.Arrays.stream(rounds).mapToLong(Long::parseLong).sorted().toArray();
        assertEquals(21, bytes.length);
        assertEquals(0, bytes[10], "median bytes per 50 steps; all rounds: " + String.join(" ", rounds));
    }

    /** The measurement of {@link #stepAllocatesNothing}: the bytes allocated in each of 21 rounds of 50 steps (of three chains), after warm-up. */
    static final class AllocationProbe {
        public static void main(String[] args) {
            final com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
            final LmChain[] chains = {
                LmChain.create(spec(Smoothing.KneserNey.modified(), Decoding.sampling(), Regime.mix(0.8, 0.1, 0.1)), ReplicateStreams.of(SEED + 6).next()),
                LmChain.create(spec(Smoothing.KneserNey.modified(), Decoding.beam(5, 1.2), Regime.replace()), ReplicateStreams.of(SEED + 7).next()),
                LmChain.create(spec(new Smoothing.AddK(0.5), new Decoding(0, 0.7, 4, 0.9, 1.3), Regime.accumulateSubsample()),
                        ReplicateStreams.of(SEED + 8).next())};
            final StringBuilder out = new StringBuilder();
            final long warm = System.nanoTime();
            while (System.nanoTime() - warm < 4_000_000_000L) {
                for (LmChain c : chains) {
                    c.restart();
                    for (int g = 0; g < 20; g++) {
                        c.step();
                        c.metrics();
                    }
                }
            }
            for (int round = 0; round < 41; round++) {
                for (LmChain c : chains) {
                    c.restart();
                }
                final long start = threads.getCurrentThreadAllocatedBytes();
                for (int g = 0; g < 50; g++) {
                    for (LmChain c : chains) {
                        if (c.generation() < 20) {
                            c.step();
                            c.metrics();
                        }
                    }
                }
                if (round >= 20) {
                    out.append(threads.getCurrentThreadAllocatedBytes() - start).append(' ');
                }
            }
            System.out.println(out.toString().strip());
        }
    }
}
