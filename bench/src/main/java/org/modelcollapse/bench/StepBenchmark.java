package org.modelcollapse.bench;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.GuideTableDiscreteSampler;
import org.apache.commons.rng.sampling.distribution.SharedStateDiscreteSampler;
import org.apache.commons.rng.simple.RandomSource;
import org.modelcollapse.discrete.CategoricalMetric;
import org.modelcollapse.discrete.DiscreteChain;
import org.modelcollapse.discrete.DiscreteSpec;
import org.modelcollapse.discrete.InitialDistribution;
import org.modelcollapse.process.SamplingMode;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;

/**
 * One generation of the categorical chain from the uniform start (K states, M samples), metrics
 * included, by the engine's chain (restarted at generation 0 each operation, which allocates
 * nothing). {@link StepBaselineBenchmark} measures the same step written the usual way, in the same run.
 */
public class StepBenchmark extends BenchmarkBase {
    @Param({"1000"})
    public int states;

    @Param({"1000", "1000000"})
    public int samples;

    @Param({"auto", "exact", "samples"})
    public String mode;

    private DiscreteChain chain;
    private double[] metrics;

    @Setup
    public void setUp() {
        final DiscreteSpec spec = DiscreteSpec.replace(InitialDistribution.uniform(states), samples)
                .withMode(SamplingMode.valueOf(mode.toUpperCase(java.util.Locale.ROOT)));
        chain = DiscreteChain.create(spec, RandomSource.L64_X128_MIX.create(SEED));
        metrics = new double[chain.metricNames().size()];
    }

    @Benchmark
    public double ours() {
        chain.restart();
        chain.step();
        chain.readMetrics(metrics);
        return metrics[CategoricalMetric.ENTROPY.index()];
    }

    /** The competent-user baseline, shared with the test that checks it computes the same metrics. */
    static final class BaselineStep {
        private BaselineStep() {}

        /** Draws M points from p, refits p by counting, returns the entropy (all metrics are computed). */
        static double step(UniformRandomProvider rng, double[] p, double[] q, int m) {
            final SharedStateDiscreteSampler sampler = GuideTableDiscreteSampler.of(rng, p);
            final int[] counts = new int[p.length];
            for (int i = 0; i < m; i++) {
                counts[sampler.sample()]++;
            }
            double entropy = 0;
            double sumSq = 0;
            double tv = 0;
            double kl = 0;
            double lost = 0;
            double max = 0;
            int alive = 0;
            for (int j = 0; j < p.length; j++) {
                p[j] = (double) counts[j] / m;
                if (p[j] > 0) {
                    alive++;
                    entropy -= p[j] * Math.log(p[j]);
                    kl += p[j] * Math.log(p[j] / q[j]);
                } else {
                    lost += q[j];
                }
                sumSq += p[j] * p[j];
                tv += Math.abs(p[j] - q[j]);
                max = Math.max(max, p[j]);
            }
            return entropy + (1 - sumSq) + 0.5 * tv + kl + lost + max + alive;
        }
    }
}
