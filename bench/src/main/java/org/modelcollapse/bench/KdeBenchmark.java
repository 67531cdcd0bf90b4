package org.modelcollapse.bench;

import java.util.SplittableRandom;
import org.modelcollapse.kde.KdeChain;
import org.modelcollapse.kde.KdeSpec;
import org.modelcollapse.random.ReplicateStreams;
import org.modelcollapse.simd.KernelDensityKernels;
import org.modelcollapse.simd.ScalarKernelDensityKernels;
import org.modelcollapse.simd.VectorKernelDensityKernels;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;

/**
 * The kernel-density chain's hot loop and step at d = 2, M = H = 1000, h = 0.1 (workload E1): the held-out
 * log-sum-exp over every centre by the Vector API kernel or its scalar twin (centres in random order, N(0, I)),
 * and one generation of the chain (draw, fit, the metrics with the centres ordered for the kernel's skipping).
 */
public class KdeBenchmark extends BenchmarkBase {
    private static final int D = 2;
    private static final int POINTS = 1000;

    @Param({"vector", "scalar"})
    public String kernels;

    private KernelDensityKernels implementation;
    private int pitch;
    private double[] centres;
    private double[] heldOut;
    private double[] scratch;
    private KdeChain chain;

    @Setup
    public void setUp() {
        implementation = kernels.equals("vector") ? VectorKernelDensityKernels.INSTANCE : ScalarKernelDensityKernels.INSTANCE;
        pitch = KernelDensityKernels.pitch(POINTS);
        centres = new double[D * pitch];
        java.util.Arrays.fill(centres, Double.POSITIVE_INFINITY);
        final SplittableRandom random = new SplittableRandom(SEED);
        for (int r = 0; r < D; r++) {
            for (int j = 0; j < POINTS; j++) {
                centres[r * pitch + j] = random.nextGaussian();
            }
        }
        heldOut = new double[POINTS * D];
        for (int i = 0; i < heldOut.length; i++) {
            heldOut[i] = random.nextGaussian();
        }
        scratch = new double[pitch];
        chain = KdeChain.create(KdeSpec.standard(D, 0.1, POINTS, POINTS), ReplicateStreams.of(SEED).next());
    }

    @Benchmark
    public double heldOutLogSumExp() {
        return implementation.logSumExpTotal(centres, pitch, POINTS, D, -1 / (2 * 0.1 * 0.1), heldOut, POINTS, scratch);
    }

    /** One generation with the kernels the JVM chose (the parameter does not apply): restarted every 100, as a run's replicates are. */
    @Benchmark
    public double[] generation() {
        if (chain.generation() == 100) {
            chain.restart();
        }
        chain.step();
        return chain.metrics();
    }
}
