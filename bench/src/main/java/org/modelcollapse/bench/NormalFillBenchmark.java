package org.modelcollapse.bench;

import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.apache.commons.rng.simple.RandomSource;
import org.modelcollapse.simd.LxmLanes;
import org.modelcollapse.simd.NormalKernels;
import org.modelcollapse.simd.VectorNormalKernels;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.Setup;

/**
 * Standard normal variates, time per variate: our Box–Muller kernel (Vector API) filling 1024 values,
 * against Commons RNG's {@code ZigguratSampler.NormalizedGaussian} on {@code L64_X128_MIX} filling the
 * same array one draw at a time.
 */
public class NormalFillBenchmark extends BenchmarkBase {
    private static final int SIZE = 1024;

    private final double[] out = new double[NormalKernels.padded(SIZE)];
    private LxmLanes lanes;
    private ZigguratSampler.NormalizedGaussian ziggurat;

    @Setup
    public void setUp() {
        lanes = LxmLanes.of(RandomSource.L64_X128_MIX.create(SEED));
        ziggurat = ZigguratSampler.NormalizedGaussian.of(RandomSource.L64_X128_MIX.create(SEED));
    }

    @Benchmark
    @OperationsPerInvocation(SIZE)
    public double[] ours() {
        VectorNormalKernels.INSTANCE.fillStandardNormals(lanes, out, SIZE);
        return out;
    }

    @Benchmark
    @OperationsPerInvocation(SIZE)
    public double[] baselineCommonsZiggurat() {
        for (int i = 0; i < SIZE; i++) {
            out[i] = ziggurat.sample();
        }
        return out;
    }
}
