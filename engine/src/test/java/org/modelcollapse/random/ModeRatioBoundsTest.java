package org.modelcollapse.random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Every bound of {@link ModeRatioBounds} must lie below f(m + j)/f(m) for every (n, p) that the
 * sampler maps to its row: otherwise the ratio squeeze would accept candidates that the exact test
 * rejects. The table was derived from two monotonicities, so the checks go where it is tightest,
 * the corners of each cell (the smallest n, and p at both ends of its range), and to (n, p) drawn
 * over the whole domain. The ratio is evaluated directly at (n, p), as a product of the pmf's
 * successive ratios (n - i + 1) p / (i q), not at the corner the table was computed from. Near
 * the mode the bounds must also be close to the ratio, so that a row left unfilled fails.
 */
class ModeRatioBoundsTest {
    private static final long SEED = 0x6d0de_2026L;

    @Test
    void boundsLieBelowTheRatioAtTheCornersOfEveryCell() {
        final SplittableRandom random = new SplittableRandom(SEED);
        int checked = 0;
        final int cells = (ModeRatioBounds.LAMBDA_END - ModeRatioBounds.LAMBDA_MIN) * ModeRatioBounds.OFFSET_BINS;
        for (int cell = 0; cell < cells; cell++) {
            final double lambda0 = ModeRatioBounds.LAMBDA_MIN + (double) cell / ModeRatioBounds.OFFSET_BINS;
            final double lambda1 = ModeRatioBounds.LAMBDA_MIN + (cell + 1.0) / ModeRatioBounds.OFFSET_BINS;
            for (int pBin = 0; pBin < ModeRatioBounds.P_BINS_PER_UNIT / 2; pBin++) {
                final double p0 = (double) pBin / ModeRatioBounds.P_BINS_PER_UNIT;
                final double p1 = (pBin + 1.0) / ModeRatioBounds.P_BINS_PER_UNIT;
                final long smallestN = (long) Math.ceil(lambda0 / p1 - 1);
                final long largestN = pBin == 0 ? Integer.MAX_VALUE : (long) Math.min(Integer.MAX_VALUE, Math.floor(lambda1 / p0));
                final long[] ns = {smallestN, smallestN + 1, smallestN + 2, smallestN + 3,
                    smallestN + random.nextLong(1 + largestN - smallestN), largestN - 1, largestN};
                for (long n : ns) {
                    final double from = Math.max(p0, lambda0 / (n + 1));
                    final double to = Math.min(p1, lambda1 / (n + 1));
                    for (double p : new double[] {from, Math.nextUp(from), (from + to) / 2, Math.nextDown(to), to}) {
                        checked += check(n, p) ? 1 : 0;
                    }
                }
            }
        }
        // 38,605 of the 1728 rows x 7 n x 5 p: those with (n + 1) p (1 - p) below 32, the rows in use.
        assertTrue(checked > 30_000, "only " + checked + " (n, p) checked");
    }

    @Test
    void boundsLieBelowTheRatioOverTheWholeDomain() {
        final SplittableRandom random = new SplittableRandom(SEED + 1);
        int checked = 0;
        for (int trial = 0; trial < 100_000; trial++) {
            final long n = (long) Math.exp(Math.log(20) + (Math.log(Integer.MAX_VALUE) - Math.log(20)) * random.nextDouble());
            final double lambda = ModeRatioBounds.LAMBDA_MIN + (ModeRatioBounds.LAMBDA_END - ModeRatioBounds.LAMBDA_MIN) * random.nextDouble();
            checked += check(n, lambda / (n + 1)) ? 1 : 0;
        }
        // 41,423 of 100,000: mostly (n + 1) p below 32 (the rows' variance limit; p is small for most n).
        assertTrue(checked > 35_000, "only " + checked + " (n, p) checked");
    }

    @Test
    void rowsAndEntriesOutsideTheTableNeverPass() {
        final float[] bounds = ModeRatioBounds.BOUNDS;
        for (int e = 0; e < ModeRatioBounds.ENTRIES; e++) {
            assertEquals(0f, bounds[e], "row 0, entry " + e);
        }
        for (int row = 0; row < bounds.length; row += ModeRatioBounds.ENTRIES) {
            assertEquals(0f, bounds[row], "first entry of row " + row);
            assertEquals(0f, bounds[row + ModeRatioBounds.ENTRIES - 1], "last entry of row " + row);
        }
        assertEquals(0, ModeRatioBounds.row(ModeRatioBounds.LAMBDA_END, 0.5));
        assertEquals(0, ModeRatioBounds.row(1e9, 0.01));
        assertEquals(0, ModeRatioBounds.row(40, 0.2));
        assertTrue(ModeRatioBounds.row(40, 0.25) > 0);
        assertEquals(ModeRatioBounds.ENTRIES, ModeRatioBounds.row(ModeRatioBounds.LAMBDA_MIN, 0.001));
        assertEquals(bounds.length - ModeRatioBounds.ENTRIES, ModeRatioBounds.row(Math.nextDown((double) ModeRatioBounds.LAMBDA_END), 0.5));
        assertEquals(0, ModeRatioBounds.entry(Long.MIN_VALUE / 2));
        assertEquals(ModeRatioBounds.ENTRIES - 1, ModeRatioBounds.entry(Long.MAX_VALUE / 2));
        assertEquals(ModeRatioBounds.J_OFFSET + 3, ModeRatioBounds.entry(3));
    }

    /**
     * Checks the row that the sampler uses for (n, p), if the sampler takes the rejection path
     * there and the row exists.
     *
     * @return whether (n, p) was checked
     */
    private static boolean check(long n, double p) {
        if (n > Integer.MAX_VALUE || !(p > 0 && p <= 0.5) || n * p < BinomialSampler.INVERSION_LIMIT) {
            return false;
        }
        final double lambda = (n + 1.0) * p;
        final int row = ModeRatioBounds.row(lambda, p);
        if (row == 0) {
            return false;
        }
        final int m = (int) lambda;
        for (int e = 0; e < ModeRatioBounds.ENTRIES; e++) {
            final long k = m + e - ModeRatioBounds.J_OFFSET;
            final double bound = ModeRatioBounds.BOUNDS[row + e];
            final double ratio = pmfRatio(n, p, m, k);
            if (bound > ratio) {
                assertEquals(ratio, bound, 0, "bound above f(k)/f(m) at n=" + n + " p=" + p + " k=" + k + " (seed " + SEED + ")");
            }
            // Within a cell r_j changes by a few percent near the mode: a looser bound there means
            // a row left unfilled (all zero) or filled from the wrong cell.
            if (Math.abs(k - m) <= 2 && bound < 0.5 * ratio) {
                assertEquals(ratio, bound, 0.5 * ratio, "bound far below f(k)/f(m) near the mode at n=" + n + " p=" + p + " k=" + k
                        + " (seed " + SEED + ")");
            }
        }
        return true;
    }

    /** f(k)/f(m) of Binomial(n, p) as a product of successive ratios; 0 for k outside [0, n]. */
    private static double pmfRatio(long n, double p, int m, long k) {
        if (k < 0 || k > n) {
            return 0;
        }
        final double odds = p / (1 - p);
        double ratio = 1;
        for (long i = m + 1; i <= k; i++) {
            ratio *= (n - i + 1) * odds / i;
        }
        for (long i = m; i > k; i--) {
            ratio *= i / ((n - i + 1) * odds);
        }
        return ratio;
    }
}
