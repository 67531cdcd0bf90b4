package org.modelcollapse.bench;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.apache.commons.statistics.distribution.BinomialDistribution;
import org.apache.commons.statistics.distribution.DiscreteDistribution;
import org.modelcollapse.random.BinomialSampler;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;

/**
 * One Binomial(n, p) draw: our sampler (parameters passed per call, as the multinomial does)
 * against Commons Statistics' {@code BinomialDistribution} sampler built once for the same (n, p),
 * and, where n min(p, 1 - p) &gt;= 10, against BTPE ({@link BtpeBinomial}, parameters per call too),
 * the other algorithm the engine could have used there.
 */
public class BinomialBenchmark extends BenchmarkBase {
    @Param({"1000:0.005", "100:0.1", "1000:0.02", "100:0.3", "1000000:0.3"})
    public String np;

    private int n;
    private double p;
    private BinomialSampler ours;
    private DiscreteDistribution.Sampler baseline;
    private BtpeBinomial btpe;

    @Setup
    public void setUp() {
        final String[] parts = np.split(":");
        n = Integer.parseInt(parts[0]);
        p = Double.parseDouble(parts[1]);
        final UniformRandomProvider rng = RandomSource.L64_X128_MIX.create(SEED);
        ours = BinomialSampler.of(rng);
        baseline = BinomialDistribution.of(n, p).createSampler(RandomSource.L64_X128_MIX.create(SEED));
        btpe = new BtpeBinomial(RandomSource.L64_X128_MIX.create(SEED));
    }

    @Benchmark
    public int ours() {
        return ours.sample(n, p);
    }

    @Benchmark
    public int baselineCommonsStatistics() {
        return baseline.sample();
    }

    /** BTPE, measured where the engine uses BTRD (n min(p, 1 - p) &gt;= 10); 0 elsewhere. */
    @Benchmark
    public int btpe() {
        return n * Math.min(p, 1 - p) >= 10 ? btpe.sample(n, p) : 0;
    }
}
