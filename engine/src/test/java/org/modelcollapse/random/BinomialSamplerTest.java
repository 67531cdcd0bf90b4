package org.modelcollapse.random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.apache.commons.numbers.gamma.LogGamma;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.apache.commons.statistics.distribution.BinomialDistribution;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.modelcollapse.StatAssert;

class BinomialSamplerTest {
    private static final long SEED = 20261125L;

    /**
     * Grid spanning inversion (n p' &lt; 10), the switch point, the rejection method's squeeze cells, the
     * ratio squeeze's limit ((n + 1) p' (1 - p') just below 32: 126:0.5, 3300:0.0096; from 32 on:
     * 127:0.5), both exact tests (either side of the ln k! table's end), and p above 1/2 (symmetry).
     */
    @ParameterizedTest(name = "n={0}, p={1}")
    @CsvSource({
        "1, 0.5", "2, 0.3", "7, 0.01", "10, 0.5", "19, 0.5", "20, 0.5", "21, 0.5", "40, 0.25",
        "100, 0.0999", "100, 0.1", "100, 0.1001", "100, 0.9", "1000, 0.001", "1000, 0.02", "1000, 0.5",
        "1000, 0.995", "5000, 0.37", "100000, 0.0001", "1000000, 0.3", "2147483647, 0.4", "60, 0.75",
        "60, 0.3", "150, 0.25", "300, 0.5", "2047, 0.01", "2048, 0.01", "4000, 0.5", "1000000, 0.00001",
        "126, 0.5", "127, 0.5", "3300, 0.0096",
    })
    void matchesExactPmf(int n, double p) {
        final long seed = SEED + n * 31L + Double.hashCode(p);
        final UniformRandomProvider rng = RandomSource.L64_X128_MIX.create(seed);
        final BinomialSampler sampler = BinomialSampler.of(rng);
        final BinomialDistribution exact = BinomialDistribution.of(n, p);
        final double mean = n * p;
        final double sd = Math.sqrt(n * p * (1 - p));
        // Bins cover mean +- 8 sd (outside: pooled into the end bins' tails).
        final int lo = (int) Math.max(0, Math.floor(mean - 8 * sd));
        final int hi = (int) Math.min(n, Math.ceil(mean + 8 * sd));
        final int draws = 200_000;
        final long[] observed = new long[hi - lo + 3];
        final double[] probs = new double[hi - lo + 3];
        for (int i = 0; i < draws; i++) {
            final int x = sampler.sample(n, p);
            if (x < 0 || x > n) {
                throw new AssertionError("variate " + x + " outside [0, " + n + "] (seed " + seed + ")");
            }
            observed[x < lo ? 0 : x > hi ? hi - lo + 2 : x - lo + 1]++;
        }
        probs[0] = lo == 0 ? 0 : exact.cumulativeProbability(lo - 1);
        for (int x = lo; x <= hi; x++) {
            probs[x - lo + 1] = exact.probability(x);
        }
        probs[hi - lo + 2] = exact.survivalProbability(hi);
        StatAssert.chiSquareFits("Binomial(" + n + ", " + p + ")", seed, observed, probs);
    }

    @Test
    void degenerateCasesAreExactAndConsumeNothing() {
        final UniformRandomProvider rng = RandomSource.L64_X128_MIX.create(SEED);
        final UniformRandomProvider twin = RandomSource.L64_X128_MIX.create(SEED);
        final BinomialSampler sampler = BinomialSampler.of(rng);
        assertEquals(0, sampler.sample(0, 0.3));
        assertEquals(0, sampler.sample(1000, 0));
        assertEquals(1000, sampler.sample(1000, 1));
        assertEquals(0, sampler.sample(0, 1));
        assertEquals(twin.nextLong(), rng.nextLong(), "degenerate draws must not consume randomness");
    }

    @Test
    void rejectsBadParameters() {
        final BinomialSampler sampler = BinomialSampler.of(RandomSource.L64_X128_MIX.create(SEED));
        assertThrows(IllegalArgumentException.class, () -> sampler.sample(-1, 0.5));
        assertThrows(IllegalArgumentException.class, () -> sampler.sample(10, -0.1));
        assertThrows(IllegalArgumentException.class, () -> sampler.sample(10, 1.5));
        assertThrows(IllegalArgumentException.class, () -> sampler.sample(10, Double.NaN));
    }

    /** q^n by squaring agrees with Math.pow to within (n + log2 n) ulps, the error bound stated for it. */
    @Test
    void powerBySquaringIsAccurate() {
        final double[] qs = {0.5, 0.9, 0.999, 1 - 1e-9, 0.123456789};
        final int[] ns = {0, 1, 2, 3, 7, 100, 1023, 100_000, Integer.MAX_VALUE};
        for (double q : qs) {
            for (int n : ns) {
                final double expected = Math.pow(q, n);
                final double bound = (n + 32.0) * Math.ulp(expected) + Double.MIN_VALUE;
                assertEquals(expected, BinomialSampler.power(q, n), bound, "q=" + q + " n=" + n);
            }
        }
    }

    /**
     * The hand-entered Stirling corrections agree with ln k! from Commons Numbers; beyond the
     * table the three-term series is off by at most its first omitted term, 1/(1680 (k+1)^7).
     */
    @Test
    void stirlingCorrectionsMatchLogGamma() {
        for (int k = 0; k < 200; k++) {
            final double lnFactorial = LogGamma.value(k + 1.0);
            // The oracle cancels terms of size ln k!: it is good to a few ulps of ln k!.
            final double oracleError = 8 * Math.ulp(Math.max(1, lnFactorial + k + 1));
            final double expected = lnFactorial - (k + 0.5) * Math.log(k + 1) + (k + 1) - 0.5 * Math.log(2 * Math.PI);
            final double truncation = k < 10 ? 0 : 1 / (1680 * Math.pow(k + 1, 7));
            assertEquals(expected, BinomialSampler.fc(k), oracleError + 1.01 * truncation, "fc(" + k + ")");
        }
    }
}
