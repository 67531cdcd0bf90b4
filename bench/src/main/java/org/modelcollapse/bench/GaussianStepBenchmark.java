package org.modelcollapse.bench;

import java.util.Locale;
import org.apache.commons.rng.simple.RandomSource;
import org.modelcollapse.gaussian.GaussianChain;
import org.modelcollapse.gaussian.GaussianSpec;
import org.modelcollapse.process.SamplingMode;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;

/**
 * One generation of the Gaussian chain from N(0, I_d) with M points, unbiased estimator: the engine's
 * step (fit and sample; metrics are measured on demand and not included) in exact and samples mode,
 * and {@link GaussianStepBaselineBenchmark} (re-factorising with EJML) in the same run. Chains restart at
 * generation 0 every 1000 generations, well before the covariance can underflow. Measurement iterations
 * last 4 s: operations of several milliseconds would otherwise carry JMH's per-iteration allocations
 * (a few kB) into {@code gc.alloc.rate.norm} as tens of bytes per operation.
 */
@Measurement(iterations = 5, time = 4)
public class GaussianStepBenchmark extends BenchmarkBase {
    static final int RESTART = 1000;

    @Param({"2:100", "32:1000", "128:10000"})
    public String dm;

    @Param({"exact", "samples"})
    public String mode;

    private GaussianChain chain;

    @Setup
    public void setUp() {
        final String[] parts = dm.split(":");
        final int d = Integer.parseInt(parts[0]);
        final int m = Integer.parseInt(parts[1]);
        chain = GaussianChain.create(GaussianSpec.standard(d, m).withMode(SamplingMode.valueOf(mode.toUpperCase(Locale.ROOT))),
                RandomSource.L64_X128_MIX.create(SEED));
    }

    @Benchmark
    public int ours() {
        if (chain.generation() == RESTART) {
            chain.restart();
        }
        chain.step();
        return chain.generation();
    }

}
