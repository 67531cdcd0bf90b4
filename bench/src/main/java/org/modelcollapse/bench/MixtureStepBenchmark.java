package org.modelcollapse.bench;

import org.modelcollapse.gmm.MixtureChain;
import org.modelcollapse.gmm.MixtureSpec;
import org.modelcollapse.random.ReplicateStreams;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One generation of the Gaussian-mixture chain in the paper's setting (M = 1000 points drawn from the last
 * fit, k-means, EM to tol 1e-5, metrics), with the kernels the JVM chose (the Vector API ones here). The
 * chain restarts every {@value #RESTART} generations, so that every measurement averages the same span of
 * the collapse (how many EM iterations a fit takes depends on the generation).
 */
@Warmup(iterations = 8, time = 1)
@Measurement(iterations = 5, time = 4)
public class MixtureStepBenchmark extends BenchmarkBase {
    private static final int RESTART = 50;

    private MixtureChain chain;

    @Setup
    public void setUp() {
        chain = MixtureChain.create(MixtureSpec.paper(), ReplicateStreams.of(SEED).next());
    }

    @Benchmark
    public double[] generation() {
        if (chain.generation() == RESTART) {
            chain.restart();
        }
        chain.step();
        return chain.metrics();
    }
}
