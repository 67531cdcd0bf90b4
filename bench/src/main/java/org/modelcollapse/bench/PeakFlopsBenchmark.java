package org.modelcollapse.bench;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.OperationsPerInvocation;

/**
 * The core's peak double-precision rate as the Vector API reaches it: 16 independent chains of
 * fused multiply-adds on 8-lane (512-bit) vectors, enough to cover the FMA latency. Time per lane
 * FMA; the report turns it into GFLOP/s (2 flops per lane FMA) to put the kernels' rates in
 * proportion. (On hardware without 512-bit vectors the Vector API splits them: still the peak.)
 */
public class PeakFlopsBenchmark extends BenchmarkBase {
    private static final VectorSpecies<Double> SPECIES = DoubleVector.SPECIES_512;
    private static final int LANES = 8;
    private static final int ITERATIONS = 1 << 14;
    private static final int CHAINS = 16;

    private final double[] seed = new double[SPECIES.length()];

    @Benchmark
    @OperationsPerInvocation(ITERATIONS * CHAINS * LANES)
    public double fmaChains() {
        final DoubleVector m = DoubleVector.broadcast(SPECIES, 0.999999);
        final DoubleVector c = DoubleVector.broadcast(SPECIES, 1e-7);
        DoubleVector a0 = DoubleVector.fromArray(SPECIES, seed, 0), a1 = a0.add(1), a2 = a0.add(2), a3 = a0.add(3);
        DoubleVector a4 = a0.add(4), a5 = a0.add(5), a6 = a0.add(6), a7 = a0.add(7);
        DoubleVector a8 = a0.add(8), a9 = a0.add(9), a10 = a0.add(10), a11 = a0.add(11);
        DoubleVector a12 = a0.add(12), a13 = a0.add(13), a14 = a0.add(14), a15 = a0.add(15);
        for (int i = 0; i < ITERATIONS; i++) {
            a0 = a0.fma(m, c); a1 = a1.fma(m, c); a2 = a2.fma(m, c); a3 = a3.fma(m, c);
            a4 = a4.fma(m, c); a5 = a5.fma(m, c); a6 = a6.fma(m, c); a7 = a7.fma(m, c);
            a8 = a8.fma(m, c); a9 = a9.fma(m, c); a10 = a10.fma(m, c); a11 = a11.fma(m, c);
            a12 = a12.fma(m, c); a13 = a13.fma(m, c); a14 = a14.fma(m, c); a15 = a15.fma(m, c);
        }
        return a0.add(a1).add(a2).add(a3).add(a4).add(a5).add(a6).add(a7).add(a8).add(a9).add(a10).add(a11)
                .add(a12).add(a13).add(a14).add(a15).reduceLanes(jdk.incubator.vector.VectorOperators.ADD);
    }
}
