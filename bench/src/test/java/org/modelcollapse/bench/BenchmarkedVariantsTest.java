package org.modelcollapse.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;
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
        final double[] m = new double[8];
        chain.readMetrics(m);
        final double ours = m[1] + m[2] + m[3] + m[4] + m[5] + m[6] + m[0];
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
}
