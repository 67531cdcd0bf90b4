package org.modelcollapse.bench;

import org.apache.commons.rng.simple.RandomSource;
import org.modelcollapse.random.MultinomialSampler;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;

/** One Multinomial(M, uniform over K) draw by conditional binomials. */
public class MultinomialBenchmark extends BenchmarkBase {
    @Param({"10:100", "1000:1000", "1000:1000000"})
    public String km;

    private int k;
    private int m;
    private int[] states;
    private double[] weights;
    private int[] out;
    private MultinomialSampler sampler;

    @Setup
    public void setUp() {
        final String[] parts = km.split(":");
        k = Integer.parseInt(parts[0]);
        m = Integer.parseInt(parts[1]);
        states = new int[k];
        weights = new double[k];
        for (int i = 0; i < k; i++) {
            states[i] = i;
            weights[i] = 1;
        }
        out = new int[k];
        sampler = MultinomialSampler.of(RandomSource.L64_X128_MIX.create(SEED));
    }

    @Benchmark
    public int[] ours() {
        sampler.sample(m, states, k, weights, k, out);
        return out;
    }
}
