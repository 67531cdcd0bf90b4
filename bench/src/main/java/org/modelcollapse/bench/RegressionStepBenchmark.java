package org.modelcollapse.bench;

import org.modelcollapse.process.Regime;
import org.modelcollapse.process.SamplingMode;
import org.modelcollapse.random.ReplicateStreams;
import org.modelcollapse.regression.Design;
import org.modelcollapse.regression.RegressionChain;
import org.modelcollapse.regression.RegressionSpec;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One generation of the linear-regression chain (replace, d = 10, sigma^2 = 1) with its metrics: the exact
 * statistics with a fixed design (O(d^2), whatever T: compare T = 1000 and 10^6) and with a fresh one
 * (O(d^3)), and the samples path that builds the T rows and solves by QR (O(T d^2): what the exact path avoids). The chain restarts
 * every {@value #RESTART} generations, as the replicates of a run do.
 */
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 2)
public class RegressionStepBenchmark extends BenchmarkBase {
    private static final int RESTART = 100;

    @Param({"1000", "1000000"})
    public int rows;

    @Param({"exact-fixed", "exact-fresh", "samples-fixed"})
    public String path;

    private RegressionChain chain;

    @Setup
    public void setUp() {
        final Design design = path.endsWith("fixed") ? Design.FIXED : Design.FRESH;
        final SamplingMode mode = path.startsWith("exact") ? SamplingMode.EXACT : SamplingMode.SAMPLES;
        chain = RegressionChain.create(RegressionSpec.standard(10, rows, design, 1, Regime.replace(), mode), ReplicateStreams.of(SEED).next());
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
