package org.modelcollapse.bench;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.modelcollapse.discrete.InitialDistribution;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;

/**
 * The baseline of {@link StepBenchmark}: one generation from the uniform start written the way a
 * competent Java user would — a Commons RNG guide-table sampler built for the current
 * probabilities, M draws, a recount, and the same metrics with Math.log.
 */
public class StepBaselineBenchmark extends BenchmarkBase {
    @Param({"1000"})
    public int states;

    @Param({"1000", "1000000"})
    public int samples;

    private UniformRandomProvider rng;
    private double[] q;
    private double[] p;

    @Setup
    public void setUp() {
        rng = RandomSource.L64_X128_MIX.create(SEED);
        q = InitialDistribution.uniform(states).probabilities();
        p = new double[states];
    }

    @Benchmark
    public double baselineGuideTable() {
        System.arraycopy(q, 0, p, 0, states);
        return StepBenchmark.BaselineStep.step(rng, p, q, samples);
    }
}
