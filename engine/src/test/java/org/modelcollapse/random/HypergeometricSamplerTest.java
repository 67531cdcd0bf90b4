package org.modelcollapse.random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.apache.commons.statistics.distribution.HypergeometricDistribution;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.modelcollapse.StatAssert;

class HypergeometricSamplerTest {
    private static final long SEED = 1985L;

    @ParameterizedTest(name = "N={0}, K={1}, n={2}")
    @CsvSource({"2, 1, 1", "20, 7, 5", "20, 19, 18", "1000, 300, 50", "1000, 999, 3", "100000, 50000, 2000",
        "100000, 10, 90000", "2000000000, 1000000000, 10000", "2000000000, 5000, 100000000"})
    void matchesExactPmf(int population, int successes, int draws) {
        final long seed = SEED + population + 31L * successes + draws;
        final UniformRandomProvider rng = RandomSource.L64_X128_MIX.create(seed);
        final HypergeometricSampler sampler = HypergeometricSampler.of(rng);
        final HypergeometricDistribution exact = HypergeometricDistribution.of(population, successes, draws);
        final int lo = exact.getSupportLowerBound();
        final int hi = exact.getSupportUpperBound();
        final double mean = exact.getMean();
        final double sd = Math.sqrt(exact.getVariance());
        final int from = (int) Math.max(lo, Math.floor(mean - 8 * sd));
        final int to = (int) Math.min(hi, Math.ceil(mean + 8 * sd));
        final long[] observed = new long[to - from + 3];
        final double[] probs = new double[to - from + 3];
        for (int i = 0; i < 100_000; i++) {
            final long x = sampler.sample(population, successes, draws);
            observed[x < from ? 0 : x > to ? to - from + 2 : (int) (x - from + 1)]++;
        }
        probs[0] = from == lo ? 0 : exact.cumulativeProbability(from - 1);
        for (int x = from; x <= to; x++) {
            probs[x - from + 1] = exact.probability(x);
        }
        probs[to - from + 2] = exact.survivalProbability(to);
        StatAssert.chiSquareFits("Hypergeometric(" + population + ", " + successes + ", " + draws + ")", seed, observed, probs);
    }

    /** Loader's formula agrees with Commons Statistics to near machine precision, also for huge populations. */
    @Test
    void loaderPmfIsAccurate() {
        final int[][] cases = {{20, 7, 5}, {1000, 300, 50}, {2_000_000_000, 1_000_000_000, 10_000}, {100_000, 10, 90_000}};
        for (int[] c : cases) {
            final HypergeometricDistribution d = HypergeometricDistribution.of(c[0], c[1], c[2]);
            final int mode = (int) Math.floor((c[2] + 1.0) * (c[1] + 1.0) / (c[0] + 2.0));
            for (int x = Math.max(d.getSupportLowerBound(), mode - 3); x <= Math.min(d.getSupportUpperBound(), mode + 3); x++) {
                final double expected = d.probability(x);
                assertEquals(expected, LoaderPmf.hypergeometric(x, c[0], c[1], c[2]), 1e-12 * expected, "x=" + x);
            }
        }
    }

    @Test
    void degenerateCasesAreExact() {
        final HypergeometricSampler s = HypergeometricSampler.of(RandomSource.L64_X128_MIX.create(SEED));
        assertEquals(0, s.sample(10, 4, 0));
        assertEquals(0, s.sample(10, 0, 7));
        assertEquals(4, s.sample(10, 4, 10));
        assertEquals(3, s.sample(10, 10, 3));
        assertEquals(0, s.sample(0, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> s.sample(10, 11, 3));
        assertThrows(IllegalArgumentException.class, () -> s.sample(10, 3, 11));
    }
}
