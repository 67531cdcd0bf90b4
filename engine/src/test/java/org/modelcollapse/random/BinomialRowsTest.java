package org.modelcollapse.random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.apache.commons.statistics.distribution.BinomialDistribution;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.modelcollapse.StatAssert;

class BinomialRowsTest {
    private static final long SEED = 2718L;

    /** The ratio recurrence gives the pmf to a few ulps times n (Commons Statistics as the reference). */
    @ParameterizedTest
    @CsvSource({"100, 100", "100, 37", "1, 7", "360, 360", "50, 1000"})
    void pmfMatchesCommonsStatistics(int n, int bigN) {
        final double[] pmf = new double[n + 1];
        for (int c = 0; c <= bigN; c++) {
            BinomialRows.binomialPmf(n, c, bigN, pmf);
            final BinomialDistribution reference = BinomialDistribution.of(n, (double) c / bigN);
            double sum = 0;
            for (int k = 0; k <= n; k++) {
                final double expected = reference.probability(k);
                assertEquals(expected, pmf[k], 1e-12 * expected + 1e-300, "f(" + k + "), n=" + n + ", c/N=" + c + "/" + bigN);
                sum += pmf[k];
            }
            assertEquals(1, sum, 1e-13, "sum, n=" + n + ", c/N=" + c + "/" + bigN);
        }
    }

    /** Draws from several rows, including the edges c = 1 and c = N - 1, fit Binomial(n, c / N). */
    @ParameterizedTest
    @CsvSource({"100, 100, 1", "100, 100, 13", "100, 100, 50", "100, 100, 99", "20, 300, 150", "0, 5, 2"})
    void drawsFitTheBinomial(int n, int bigN, int c) {
        final BinomialRows rows = BinomialRows.of(n, bigN);
        final UniformRandomProvider rng = RandomSource.L64_X128_MIX.create(SEED + c);
        final long[] counts = new long[n + 1];
        for (int i = 0; i < 1_000_000; i++) {
            counts[rows.sample(c, rng.nextDouble())]++;
        }
        final BinomialDistribution reference = BinomialDistribution.of(n, (double) c / bigN);
        final double[] p = new double[n + 1];
        for (int k = 0; k <= n; k++) {
            p[k] = reference.probability(k);
        }
        StatAssert.chiSquareFits("BinomialRows n=" + n + ", c/N=" + c + "/" + bigN, SEED + c, counts, p);
    }

    @Test
    void emptyAndFullPopulationsAreCertain() {
        final BinomialRows rows = BinomialRows.of(100, 100);
        for (double u : new double[] {0, 0.5, Math.nextDown(1.0)}) {
            assertEquals(0, rows.sample(0, u));
            assertEquals(100, rows.sample(100, u));
        }
    }

    /** The shared table is reused while (n, N) match and replaced when they change; it draws as a fresh one. */
    @Test
    void sharedTableIsReusedWhileTheParametersMatch() {
        final BinomialRows first = BinomialRows.shared(37, 41);
        assertSame(first, BinomialRows.shared(37, 41));
        final BinomialRows other = BinomialRows.shared(41, 37);
        assertNotSame(first, other);
        assertEquals(41, other.trials());
        assertEquals(37, other.total());
        assertNotSame(first, BinomialRows.shared(37, 41));
        final BinomialRows fresh = BinomialRows.of(41, 37);
        for (int c = 0; c <= 37; c++) {
            for (double u = 0; u < 1; u += 0.01) {
                assertEquals(fresh.sample(c, u), other.sample(c, u), "c=" + c + " u=" + u);
            }
        }
    }

    @Test
    void rejectsTablesTooLargeOrMalformed() {
        assertTrue(BinomialRows.fits(361, 360));
        assertEquals(false, BinomialRows.fits(362, 362));
        final IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> BinomialRows.of(1000, 1000));
        assertTrue(e.getMessage().contains("n=1000, N=1000"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> BinomialRows.of(-1, 10));
        assertThrows(IllegalArgumentException.class, () -> BinomialRows.of(10, 0));
    }
}
