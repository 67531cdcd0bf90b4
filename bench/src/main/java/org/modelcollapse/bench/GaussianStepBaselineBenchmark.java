package org.modelcollapse.bench;

import org.apache.commons.rng.simple.RandomSource;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;

/** The baseline of {@link GaussianStepBenchmark}: {@link EjmlGaussianStep}, restarted every 1000 generations. */
@Measurement(iterations = 5, time = 4)
public class GaussianStepBaselineBenchmark extends BenchmarkBase {
    @Param({"2:100", "32:1000", "128:10000"})
    public String dm;

    private EjmlGaussianStep baseline;
    private int generations;

    @Setup
    public void setUp() {
        final String[] parts = dm.split(":");
        baseline = new EjmlGaussianStep(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]), RandomSource.L64_X128_MIX.create(SEED));
    }

    @Benchmark
    public boolean baselineEjml() {
        if (++generations == GaussianStepBenchmark.RESTART) {
            generations = 0;
            baseline.restart();
        }
        return baseline.step();
    }
}
