package org.modelcollapse.bench;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.modelcollapse.simd.Kernels;
import org.modelcollapse.simd.LxmLanes;
import org.modelcollapse.simd.UniformKernels;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;

/**
 * Resampling a population of N = M data points (the Wright–Fisher step) by M uniform indices
 * counted into the intervals of the alive states ({@code countIntervals}), for several numbers of
 * intervals: the costs the automatic mode weighs against conditional binomials and
 * {@link BinomialRowBenchmark}'s tabulated rows.
 */
public class ResampleBenchmark extends BenchmarkBase {
    @Param({"100:2", "100:5", "100:10", "1000:2", "1000:10"})
    public String sizeIntervals;

    private int m;
    private int[] ends;
    private int[] counts;
    private LxmLanes lanes;
    private UniformRandomProvider rng;
    private UniformKernels kernels;

    @Setup
    public void setUp() {
        final String[] parts = sizeIntervals.split(":");
        m = Integer.parseInt(parts[0]);
        final int k = Integer.parseInt(parts[1]);
        ends = new int[k];
        for (int i = 0; i < k; i++) {
            ends[i] = (int) ((long) m * (i + 1) / k);
        }
        counts = new int[k];
        rng = RandomSource.L64_X128_MIX.create(SEED);
        lanes = LxmLanes.of(rng);
        kernels = Kernels.uniform();
    }

    @Benchmark
    public int countIntervals() {
        kernels.countIntervals(lanes, rng, m, ends, ends.length, counts);
        return counts[0];
    }
}
