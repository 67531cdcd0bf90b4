package org.modelcollapse.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.MathContext;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;

/** Shifted-sum blocks merged pairwise (Chan et al.) give the mean and standard error of a BigDecimal oracle. */
class AggregationTest {
    @Test
    void mergedBlocksMatchHighPrecisionOracle() {
        final UniformRandomProvider rng = RandomSource.L64_X128_MIX.create(99L);
        final int metrics = 3;
        final int generations = 4;
        final int replicates = 1000;
        final double[][][] x = new double[replicates][generations][metrics];
        for (int r = 0; r < replicates; r++) {
            for (int g = 0; g < generations; g++) {
                // Generation 0 identical across replicates (as in a chain); later ones spread, with
                // a large offset and a small spread in metric 2 to stress cancellation.
                x[r][g][0] = g == 0 ? 6.9 : 6.9 * rng.nextDouble();
                x[r][g][1] = g == 0 ? 1 : rng.nextInt(3);
                x[r][g][2] = g == 0 ? 0 : 1e3 + 1e-4 * rng.nextDouble();
            }
        }
        final GenerationStatistics totals = new GenerationStatistics(metrics);
        for (int first = 0; first < replicates; first += 37) {
            final BlockMoments block = new BlockMoments(metrics, 0);
            for (int r = first; r < Math.min(replicates, first + 37); r++) {
                for (int g = 0; g < generations; g++) {
                    block.add(g, x[r][g]);
                }
            }
            totals.merge(block);
        }
        final MathContext mc = new MathContext(60);
        for (int g = 0; g < generations; g++) {
            for (int k = 0; k < metrics; k++) {
                BigDecimal sum = BigDecimal.ZERO;
                for (int r = 0; r < replicates; r++) {
                    sum = sum.add(new BigDecimal(x[r][g][k]));
                }
                final BigDecimal mean = sum.divide(BigDecimal.valueOf(replicates), mc);
                BigDecimal ss = BigDecimal.ZERO;
                for (int r = 0; r < replicates; r++) {
                    final BigDecimal d = new BigDecimal(x[r][g][k]).subtract(mean);
                    ss = ss.add(d.multiply(d));
                }
                final double se = Math.sqrt(ss.divide(BigDecimal.valueOf((long) replicates * (replicates - 1)), mc).doubleValue());
                assertEquals(mean.doubleValue(), totals.mean(g, k), 8 * Math.ulp(mean.doubleValue()) * Math.sqrt(replicates), "mean g=" + g + " k=" + k);
                // Shifted block sums and Chan's updates lose no digits to cancellation, even for
                // metric 2's large offset and small spread: relative 1e-9 (rounding of ~1000
                // updates) is ample, and identical values must give 0.
                final double tol = 1e-9 * se + 1e-20;
                assertEquals(se, totals.standardError(g, k), tol, "se g=" + g + " k=" + k);
            }
        }
    }

    /** A cleared block, reused for data reaching fewer and then more generations, equals a fresh one. */
    @Test
    void clearedBlockEqualsFreshBlock() {
        final UniformRandomProvider rng = RandomSource.L64_X128_MIX.create(7L);
        final int metrics = 2;
        final BlockMoments reused = new BlockMoments(metrics, 0);
        for (int g = 0; g < 50; g++) {
            reused.add(g, new double[] {rng.nextDouble(), Double.POSITIVE_INFINITY});
        }
        for (int lengths : new int[] {10, 80}) {
            reused.clear();
            final BlockMoments fresh = new BlockMoments(metrics, 0);
            for (int r = 0; r < 5; r++) {
                for (int g = 0; g < lengths - r; g++) {
                    final double[] x = {g + rng.nextDouble(), r == 2 ? Double.POSITIVE_INFINITY : rng.nextDouble()};
                    reused.add(g, x);
                    fresh.add(g, x);
                }
            }
            assertEquals(fresh.generations(), reused.generations(), "generations, length " + lengths);
            for (int g = 0; g < fresh.generations(); g++) {
                assertEquals(fresh.count(g), reused.count(g), "count g=" + g);
                for (int k = 0; k < metrics; k++) {
                    assertEquals(fresh.mean(g, k), reused.mean(g, k), "mean g=" + g + " k=" + k);
                    assertEquals(fresh.squaredDeviations(g, k), reused.squaredDeviations(g, k), "ss g=" + g + " k=" + k);
                    assertEquals(fresh.positiveInfinite(g, k), reused.positiveInfinite(g, k), "inf g=" + g + " k=" + k);
                }
            }
        }
    }

    /**
     * Infinite values: a mean over values of which some are -infinity (ln det of a singular covariance) is
     * -infinity, +infinity likewise, NaN when both occur; the standard error is then NaN. Quantiles
     * between an infinite and a finite order statistic are the infinity, never NaN.
     */
    @Test
    void infiniteValuesHaveAStatedMean() {
        final double inf = Double.POSITIVE_INFINITY;
        final GenerationStatistics totals = new GenerationStatistics(3);
        // Two blocks, as any run of more than 32 replicates has: a second block's infinity met the first's.
        for (int b = 0; b < 2; b++) {
            final BlockMoments block = new BlockMoments(3, 0);
            block.add(0, new double[] {-inf, inf, 1});
            block.add(0, new double[] {-2, 3, -inf});
            block.add(0, new double[] {-4, 5, inf});
            totals.merge(block);
        }
        assertEquals(Double.NEGATIVE_INFINITY, totals.mean(0, 0));
        assertEquals(Double.POSITIVE_INFINITY, totals.mean(0, 1));
        assertTrue(Double.isNaN(totals.mean(0, 2)), "both infinities: NaN");
        for (int k = 0; k < 3; k++) {
            assertTrue(Double.isNaN(totals.standardError(0, k)), "no standard error with an infinite value");
        }
        final double[] sorted = {-inf, -inf, -3, -1, 0, 2, inf};
        for (double level : new double[] {0.05, 0.1, 0.3, 0.5, 0.95, 0.99}) {
            assertTrue(!Double.isNaN(ExperimentRunner.quantile(sorted, level)), "quantile " + level);
        }
        assertEquals(Double.NEGATIVE_INFINITY, ExperimentRunner.quantile(sorted, 0.2), "between -infinity and -3");
        assertEquals(Double.POSITIVE_INFINITY, ExperimentRunner.quantile(sorted, 0.99), "between 2 and +infinity");
        assertEquals(-1, ExperimentRunner.quantile(sorted, 0.5), 0);
    }
}
