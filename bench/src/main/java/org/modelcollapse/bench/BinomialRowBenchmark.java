package org.modelcollapse.bench;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.modelcollapse.random.BinomialRows;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;

/**
 * One Binomial(M, c / M) draw from tabulated rows (the two-allele Wright–Fisher step), cycling
 * through 16 neighbouring rows near c = M / 3 as a chain moves between them; compare
 * {@link BinomialBenchmark}.
 */
public class BinomialRowBenchmark extends BenchmarkBase {
    @Param({"100", "360"})
    public int size;

    private BinomialRows rows;
    private UniformRandomProvider rng;
    private int c;

    @Setup
    public void setUp() {
        rows = BinomialRows.of(size, size);
        rng = RandomSource.L64_X128_MIX.create(SEED);
        c = size / 3;
    }

    @Benchmark
    public int ours() {
        c = c + 1 - ((c & 15) == 15 ? 16 : 0);
        return rows.sample(c, rng.nextDouble());
    }
}
