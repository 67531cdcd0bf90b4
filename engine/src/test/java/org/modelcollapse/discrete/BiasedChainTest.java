package org.modelcollapse.discrete;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.modelcollapse.StatAssert;
import org.modelcollapse.process.Regime;
import org.modelcollapse.process.SampleSizeSchedule;
import org.modelcollapse.process.SamplingMode;
import org.modelcollapse.random.ReplicateStreams;

/** The chain with a sampling bias and with curation: what is drawn from, what is measured, absorption. */
class BiasedChainTest {
    private static final long SEED = 4242L;

    private static DiscreteSpec spec(InitialDistribution q, int m, SamplingMode mode, Decoding d, Curation c) {
        return new DiscreteSpec(q, SampleSizeSchedule.constant(m), Regime.replace(), 0, mode, d, c);
    }

    /** Generation 0 is q as it is: the map applies to what is drawn from, not to what is measured. */
    @Test
    void generationZeroIsTheOriginalItself() {
        final InitialDistribution q = InitialDistribution.zipf(20, 1.0);
        final double[] plain = new double[8];
        final double[] biased = new double[8];
        DiscreteChain.create(DiscreteSpec.replace(q, 100), RandomSource.L64_X128_MIX.create(SEED)).readMetrics(plain);
        DiscreteChain.create(spec(q, 100, SamplingMode.AUTO, new Decoding(0.5, 3, 0.9), null), RandomSource.L64_X128_MIX.create(SEED))
                .readMetrics(biased);
        assertArrayEquals(plain, biased, 0);
    }

    /**
     * One generation's counts are Multinomial(M, decode(q)): pooled over replicates, a chi-square fit,
     * and no point outside decode(q)'s support, in both modes, for the first generation (decode(q)
     * computed once) and for the second given the first (decode of a fitted model).
     */
    @ParameterizedTest
    @EnumSource(value = SamplingMode.class, names = {"EXACT", "SAMPLES"})
    void oneGenerationDrawsFromTheDecodedModel(SamplingMode mode) {
        final InitialDistribution q = InitialDistribution.zipf(30, 0.9);
        final Decoding d = new Decoding(0.7, 12, 0.9);
        final int m = 500;
        final int reps = 2_000;
        final long seed = SEED + mode.ordinal();
        final ReplicateStreams streams = ReplicateStreams.of(seed);
        final DiscreteChain chain = DiscreteChain.create(spec(q, m, mode, d, null), streams.next());
        final double[] expected = d.apply(q.probabilities());
        final long[] first = new long[30];
        final long[] second = new long[30];
        final double[] secondExpected = new double[30];
        final double[] p = new double[30];
        for (int r = 0; r < reps; r++) {
            if (r > 0) {
                chain.reset(streams.next());
            }
            chain.step();
            chain.readProbabilities(p);
            final double[] next = d.apply(p);
            for (int j = 0; j < 30; j++) {
                first[j] += Math.round(p[j] * m);
                secondExpected[j] += next[j] / reps;
            }
            chain.step();
            chain.readProbabilities(p);
            for (int j = 0; j < 30; j++) {
                second[j] += Math.round(p[j] * m);
            }
        }
        for (int j = 0; j < 30; j++) {
            assertTrue(expected[j] > 0 || first[j] == 0, "state " + j + " is outside decode(q) but was drawn, seed " + seed);
            assertTrue(secondExpected[j] > 0 || second[j] == 0, "state " + j + " outside every decode(p_1) but drawn, seed " + seed);
        }
        StatAssert.chiSquareFits("generation 1 counts vs Multinomial(M, decode(q)), " + mode, seed, first, expected);
        // Given p_1, generation 2's counts are Multinomial(M, decode(p_1)): pooled, a mixture with mean decode(p_1) averaged.
        StatAssert.chiSquareFits("generation 2 counts vs the average of decode(p_1), " + mode, seed, second, secondExpected);
    }

    /** Greedy decoding (top-k 1) draws only the largest state: absorbed at generation 1, into it. */
    @Test
    void greedyDecodingAbsorbsAtOnce() {
        final DiscreteSpec s = spec(InitialDistribution.zipf(10, 1.0), 50, SamplingMode.AUTO, new Decoding(1, 1, 1), null);
        assertTrue(DiscreteChain.canAbsorb(s));
        final DiscreteChain chain = DiscreteChain.create(s, RandomSource.L64_X128_MIX.create(SEED));
        chain.step();
        assertTrue(chain.absorbed());
        assertEquals(1, chain.absorbedAt());
        assertEquals(0, chain.absorbingState());
    }

    /** With a bias or curation a replicate still absorbs (a delta decodes to itself), in every mode that allows it. */
    @ParameterizedTest
    @EnumSource(SamplingMode.class)
    void biasedChainsStillAbsorb(SamplingMode mode) {
        final Curation c = mode == SamplingMode.EXACT ? null : new Curation(3, new double[] {0, 0.5, 1, 0});
        final DiscreteChain chain = DiscreteChain.create(spec(InitialDistribution.uniform(4), 20, mode, new Decoding(1.5, 3, 0.95), c),
                RandomSource.L64_X128_MIX.create(SEED));
        while (!chain.absorbed() && chain.generation() < 100_000) {
            chain.step();
        }
        assertTrue(chain.absorbed(), mode + ": absorbed within 100,000 generations");
    }

    /**
     * Bradley–Terry with K = 2 on p = (1/2, 1/2), r = (0, ln 3): state 1 is chosen with probability
     * 1/4 (both candidates it) + 1/2 · 3/4 (one of each) = 5/8. With rewards 2000 below the largest
     * (e^(r - max r) underflows) the choice is made relative to the candidates: r = (-2000, -2001) on
     * states 1 and 2 gives 1/4 + 1/2 · 1/(1 + e^-1).
     */
    @Test
    void bradleyTerryChoosesByRewards() {
        final int m = 200_000;
        final double[][] rewards = {{0, Math.log(3)}, {0, -2000, -2001}};
        final double[] expected = {5.0 / 8, 0.25 + 0.5 / (1 + Math.exp(-1))};
        for (int c = 0; c < 2; c++) {
            final int k = rewards[c].length;
            final WeightedSupport source = new WeightedSupport(k);
            source.add(k - 2, 1);
            source.add(k - 1, 1);
            final WeightedSupport dest = new WeightedSupport(k);
            final long seed = SEED + c;
            new BradleyTerrySelection(new Curation(2, rewards[c])).draw(m, source, null, RandomSource.L64_X128_MIX.create(seed), dest);
            assertEquals(m, dest.total);
            final double share = dest.weight[1] / m; // the favoured state: reward ln 3, or -2000 against -2001
            StatAssert.withinZ("Bradley-Terry K=2 share, case " + c, seed, share, expected[c], Math.sqrt(expected[c] * (1 - expected[c]) / m));
        }
    }

    @Test
    void specRejectsCurationItCannotRun() {
        final InitialDistribution q = InitialDistribution.uniform(3);
        assertThrows(IllegalArgumentException.class, () -> spec(q, 10, SamplingMode.EXACT, Decoding.NONE, new Curation(2, new double[] {0, 1, 2})));
        assertThrows(IllegalArgumentException.class, () -> spec(q, 10, SamplingMode.SAMPLES, Decoding.NONE, new Curation(2, new double[] {0, 1})));
        assertTrue(spec(q, 10, SamplingMode.AUTO, Decoding.NONE, new Curation(2, new double[] {0, 1, 2})).biased());
        assertTrue(!spec(q, 10, SamplingMode.AUTO, new Decoding(1, 0, 1), null).biased());
    }
}
