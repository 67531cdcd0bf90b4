package org.modelcollapse.random;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.apache.commons.rng.simple.RandomSource;
import org.apache.commons.statistics.distribution.BinomialDistribution;
import org.junit.jupiter.api.Test;
import org.modelcollapse.StatAssert;

class MultinomialSamplerTest {
    private static final long SEED = 77L;

    /** Each category's count is Binomial(n, p_i) and the counts sum to n. */
    @Test
    void marginalsAreBinomial() {
        final int[] states = {4, 0, 2, 7};
        final double[] weights = new double[8];
        weights[4] = 1;
        weights[0] = 3;
        weights[2] = 0.5;
        weights[7] = 5.5;
        final double total = 10;
        final int n = 50;
        final MultinomialSampler sampler = MultinomialSampler.of(RandomSource.L64_X128_MIX.create(SEED));
        final int[] out = new int[4];
        final long[][] hist = new long[4][n + 1];
        for (int r = 0; r < 100_000; r++) {
            sampler.sample(n, states, 4, weights, total, out);
            int sum = 0;
            for (int i = 0; i < 4; i++) {
                hist[i][out[i]]++;
                sum += out[i];
            }
            assertEquals(n, sum, "counts must sum to n (seed " + SEED + ")");
        }
        for (int i = 0; i < 4; i++) {
            final BinomialDistribution b = BinomialDistribution.of(n, weights[states[i]] / total);
            final double[] probs = new double[n + 1];
            for (int x = 0; x <= n; x++) {
                probs[x] = b.probability(x);
            }
            StatAssert.chiSquareFits("multinomial marginal of state " + states[i], SEED, hist[i], probs);
        }
    }

    /** Joint check on a pair: the covariance of two counts is -n p_i p_j. */
    @Test
    void pairCovarianceMatches() {
        final int[] states = {0, 1, 2};
        final double[] weights = {0.2, 0.3, 0.5};
        final int n = 20;
        final int reps = 200_000;
        final MultinomialSampler sampler = MultinomialSampler.of(RandomSource.L64_X128_MIX.create(SEED + 1));
        final int[] out = new int[3];
        double sumProduct = 0;
        final double m0 = n * 0.2;
        final double m1 = n * 0.3;
        final double[] products = new double[reps];
        for (int r = 0; r < reps; r++) {
            sampler.sample(n, states, 3, weights, 1.0, out);
            products[r] = (out[0] - m0) * (out[1] - m1);
            sumProduct += products[r];
        }
        final double cov = sumProduct / reps;
        double var = 0;
        for (double v : products) {
            var += (v - cov) * (v - cov);
        }
        final double se = Math.sqrt(var / (reps - 1) / reps);
        StatAssert.withinZ("Cov(N0, N1)", SEED + 1, cov, -n * 0.2 * 0.3, se);
    }

    /** The tree path (from 16 categories, padded to a power of two): binomial marginals, counts summing to n. */
    @Test
    void treeMarginalsAreBinomial() {
        final int k = 37;
        final int[] states = new int[k];
        final double[] weights = new double[k + 5];
        double total = 0;
        for (int i = 0; i < k; i++) {
            states[i] = k - 1 - i + 5; // ids out of order, offset
            weights[states[i]] = 1 + (i % 7) * 0.75;
            total += weights[states[i]];
        }
        final int n = 200;
        final long seed = SEED + 2;
        final MultinomialSampler sampler = MultinomialSampler.of(RandomSource.L64_X128_MIX.create(seed));
        final int[] out = new int[k];
        final int[] watched = {0, 17, 36};
        final long[][] hist = new long[watched.length][n + 1];
        for (int r = 0; r < 100_000; r++) {
            sampler.sample(n, states, k, weights, total, out);
            int sum = 0;
            for (int i = 0; i < k; i++) {
                sum += out[i];
            }
            assertEquals(n, sum, "counts must sum to n (seed " + seed + ")");
            for (int w = 0; w < watched.length; w++) {
                hist[w][out[watched[w]]]++;
            }
        }
        for (int w = 0; w < watched.length; w++) {
            final BinomialDistribution b = BinomialDistribution.of(n, weights[states[watched[w]]] / total);
            final double[] probs = new double[n + 1];
            for (int x = 0; x <= n; x++) {
                probs[x] = b.probability(x);
            }
            StatAssert.chiSquareFits("tree multinomial marginal of list position " + watched[w], seed, hist[w], probs);
        }
    }

    @Test
    void singleCategoryTakesAll() {
        final MultinomialSampler sampler = MultinomialSampler.of(RandomSource.L64_X128_MIX.create(SEED));
        final int[] out = new int[1];
        sampler.sample(123, new int[] {5}, 1, new double[] {0, 0, 0, 0, 0, 2.0}, 2.0, out);
        assertEquals(123, out[0]);
    }
}
