package org.modelcollapse.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.rng.simple.RandomSource;
import org.apache.commons.statistics.distribution.BinomialDistribution;
import org.apache.commons.statistics.distribution.ChiSquaredDistribution;
import org.junit.jupiter.api.Test;
import org.modelcollapse.discrete.CategoricalMetric;
import org.modelcollapse.discrete.DiscreteChain;
import org.modelcollapse.discrete.DiscreteSpec;
import org.modelcollapse.discrete.InitialDistribution;

/** Every benchmarked variant computes what it claims (a fast wrong answer is not a result). */
class BenchmarkedVariantsTest {
    /**
     * The baseline step and the engine's step return the same deterministic part of the metrics
     * when every state survives: with K = 2 and M = 10^6 both states live and the sum of the
     * metric terms the baseline returns matches the engine's to within sampling noise, so both
     * compute entropy, heterozygosity, TV, KL, lost mass, max and alive states of a refitted p.
     */
    @Test
    void baselineComputesTheSameMetrics() {
        final double[] q = {0.5, 0.5};
        final double[] p = q.clone();
        final double baseline = StepBenchmark.BaselineStep.step(RandomSource.L64_X128_MIX.create(1L), p, q, 1_000_000);
        final DiscreteChain chain = DiscreteChain.create(DiscreteSpec.replace(InitialDistribution.uniform(2), 1_000_000),
                RandomSource.L64_X128_MIX.create(2L));
        chain.step();
        final double[] m = new double[CategoricalMetric.values().length];
        chain.readMetrics(m);
        double ours = 0;
        for (CategoricalMetric metric : CategoricalMetric.values()) {
            ours += metric == CategoricalMetric.ABSORBED ? 0 : m[metric.index()];
        }
        // Sum ~ ln 2 + 1/2 + 0 + 0 + 0 + 1/2 + 2. Its noise is dominated by the max and TV terms,
        // each |p_0 - 1/2| with sd 0.5/sqrt(M) = 5e-4 per chain; the other terms are O(1/M).
        // The difference of two chains then has sd below 2 * sqrt(2) * 5e-4 = 1.4e-3: 5e-3 is 3.5 sd
        // (false alarm < 1e-3), while a missing or wrong metric term shifts the sum by >= 0.5.
        assertEquals(ours, baseline, 5e-3);
    }

    /**
     * The EJML baseline refits N(0, I_2) from M = 10^5 points: the trace of the estimate has mean 2 and
     * standard deviation 2 / sqrt(M) = 0.0063 (Var of a sample variance is 2 sigma^4 / (M - 1) per
     * coordinate); 0.035 is 5.5 sd. A missing centring or wrong divisor moves it by far more.
     */
    @Test
    void ejmlBaselineFitsTheCovariance() {
        final EjmlGaussianStep step = new EjmlGaussianStep(2, 100_000, RandomSource.L64_X128_MIX.create(3L));
        assertEquals(true, step.step());
        assertEquals(2, step.trace(), 0.035);
    }

    /**
     * BTPE, the benchmarked alternative to the engine's binomial, draws Binomial(n, p): chi-square of
     * 400,000 draws against the exact pmf, cells pooled to an expectation of at least 20, at
     * (n, p) covering its triangle, parallelograms, both tails, the recursive test (small n p q) and
     * the squeeze and Stirling bound (n p q = 210,000), and p &gt; 1/2. A false alarm has probability
     * 1e-6 per case.
     */
    @Test
    void btpeDrawsTheBinomial() {
        final long seed = 11L;
        final BtpeBinomial btpe = new BtpeBinomial(RandomSource.L64_X128_MIX.create(seed));
        final int draws = 400_000;
        for (double[] np : new double[][] {{100, 0.1}, {1000, 0.02}, {100, 0.3}, {1_000_000, 0.3}, {60, 0.75}}) {
            final int n = (int) np[0];
            final double p = np[1];
            final BinomialDistribution exact = BinomialDistribution.of(n, p);
            final int lo = exact.inverseCumulativeProbability(1e-7);
            final int hi = exact.inverseSurvivalProbability(1e-7);
            final long[] observed = new long[hi - lo + 3]; // [0]: below lo, [last]: above hi
            for (int i = 0; i < draws; i++) {
                final int y = btpe.sample(n, p);
                observed[y < lo ? 0 : y > hi ? observed.length - 1 : y - lo + 1]++;
            }
            final double[] expected = new double[observed.length];
            expected[0] = draws * exact.cumulativeProbability(lo - 1);
            expected[observed.length - 1] = draws * exact.survivalProbability(hi);
            for (int y = lo; y <= hi; y++) {
                expected[y - lo + 1] = draws * exact.probability(y);
            }
            // Pool neighbouring cells until each expects >= 20 draws; a short remainder joins the last pool.
            final java.util.List<double[]> pools = new java.util.ArrayList<>();
            double e = 0;
            long o = 0;
            for (int i = 0; i < observed.length; i++) {
                e += expected[i];
                o += observed[i];
                if (e >= 20) {
                    pools.add(new double[] {o, e});
                    e = 0;
                    o = 0;
                }
            }
            pools.get(pools.size() - 1)[0] += o;
            pools.get(pools.size() - 1)[1] += e;
            double chi2 = 0;
            for (double[] pool : pools) {
                chi2 += (pool[0] - pool[1]) * (pool[0] - pool[1]) / pool[1];
            }
            final int cells = pools.size();
            final double pValue = ChiSquaredDistribution.of(cells - 1).survivalProbability(chi2);
            assertTrue(pValue > 1e-6, "BTPE n=" + n + " p=" + p + ": chi2=" + chi2 + " on " + (cells - 1) + " df, p=" + pValue + ", seed " + seed);
        }
    }
}
