package org.modelcollapse.random;

/**
 * Lower bounds of the binomial pmf ratio f(m + j)/f(m), m = floor((n + 1) p) the mode, for the
 * second squeeze of {@link BinomialSampler}'s rejection: a trial whose candidate k = m + j has
 * v alpha / (a/u_s^2 + b) at most the bound passes Hörmann's exact test without evaluating it.
 *
 * <p>One row of {@value #ENTRIES} bounds serves every (n, p) with p &lt;= 1/2 whose lambda = (n + 1) p
 * lies in a cell [lambda0, lambda1) of width 1/{@value #OFFSET_BINS} (so m is fixed) and whose p lies
 * in a bin [p0, p1] of width 1/{@value #P_BINS_PER_UNIT}. The bounds follow from two facts about
 * r_j(n, lambda) = f(m + j)/f(m) with p = lambda/(n + 1) and m held fixed:
 * <ul>
 *   <li>At fixed n, r_j increases with lambda for j &gt; 0 and decreases for j &lt; 0: its factors
 *   are (n + 1 - m - i) p / ((m + i) q) and (m - i) q / ((n - m + i + 1) p).</li>
 *   <li>At fixed lambda, r_j increases with n: with N = n + 1 the factors become
 *   (m + i)^-1 lambda (N - m - i)/(N - lambda) (i &gt;= 1, m + i &gt; lambda) and
 *   (m - i) lambda^-1 (N - lambda)/(N - m + i) (i &gt;= 0, m - i &lt;= lambda), and (N - x)/(N - y)
 *   with x &gt; y increases with N.</li>
 * </ul>
 * Every (n, p) of a cell has n + 1 &gt;= lambda0/p1, so r_j(n, lambda) &gt;= r_j(n_lo, lambda0) for
 * j &gt; 0 and &gt;= r_j(n_lo, lambda1) for j &lt; 0, with n_lo = ceil(lambda0/p1 - 1). These values,
 * lowered by 1e-9 relative and rounded down to float, are the table, computed as rows are first
 * needed (no generated numbers to keep in step). A factor that is not positive means that
 * m + j lies outside [0, n_lo], and the bound is 0. Entries 0 and {@value #ENTRIES} - 1 are 0 in
 * every row, so that a clamped j never passes. {@code ModeRatioBoundsTest} checks the table against
 * the pmf of fresh (n, p), at every cell's corners and over the whole domain.
 *
 * <p>A row is filled when {@link #row} first returns it. A run of a few (n, p) fills a few rows;
 * filling all of them at class initialisation cost the first worker of every run milliseconds in
 * the interpreter. Rows are filled without locks. Threads that fill a row at the same time write
 * the same values, and a thread that reads a row another thread is filling (or that it sees marked
 * filled before it sees the values) reads 0 for some entries. 0 is a valid bound that never
 * passes, so such a read sends the trial to the exact test, which decides as the squeeze would
 * have: the draws never depend on it.
 *
 * <p>{@link #row(double, double)} returns a cell's row while lambda (1 - p) &lt;
 * {@value #VARIANCE_END}, and the all-zero row 0 from there on. There the banded squeeze alone
 * accepts most trials, and the ratio squeeze, whose look-up waits for k, lengthens every trial by
 * more than it saves; the limit was chosen by timing the sampler across n p = 10-10^4 (issue 2's
 * notes). As p &lt;= 1/2, cells cover lambda in [{@value #LAMBDA_MIN}, {@value #LAMBDA_END}); rows
 * of cells with lambda above {@value #VARIANCE_END} are used only for p near 1/2. A row is 128
 * bytes (221 KB in all); a sampler with fixed (n, p) touches one.
 */
final class ModeRatioBounds {
    /** Smallest lambda = (n + 1) p of the rejection sampler (n p &gt;= 10). */
    static final int LAMBDA_MIN = 10;
    /** lambda (1 - p), about the variance n p q, from which the sampler does not use the bounds. */
    static final int VARIANCE_END = 32;
    /** lambda from which there are no cells: 2 {@link #VARIANCE_END}, as p &lt;= 1/2. */
    static final int LAMBDA_END = 2 * VARIANCE_END;
    /** Cells per unit of lambda: the offset of lambda from the mode m. */
    static final int OFFSET_BINS = 4;
    /** Bins of p in (0, 1/2]: bin i holds p in [i, i + 1)/16, the last also p = 1/2. */
    static final int P_BINS_PER_UNIT = 16;
    private static final int P_BINS = P_BINS_PER_UNIT / 2;
    /** Bounds per row; entry e is j = e - {@value #J_OFFSET}. */
    static final int ENTRIES = 32;
    static final int J_OFFSET = 16;

    private static final int CELLS = (LAMBDA_END - LAMBDA_MIN) * OFFSET_BINS;
    /**
     * Row 0 is all zero; row 1 + ((m - 10) * 4 + offset bin) * 8 + p bin holds the bounds of a
     * cell once {@link #row} has returned it, zeros before.
     */
    static final float[] BOUNDS = new float[(1 + CELLS * P_BINS) * ENTRIES];
    /** Whether {@link #row} has filled row i + 1 (see the class comment on threads). */
    private static final boolean[] FILLED = new boolean[CELLS * P_BINS];

    private ModeRatioBounds() {
    }

    /**
     * @param lambda (n + 1) p, at least {@value #LAMBDA_MIN}
     * @param p in (0, 1/2]
     * @return the first index of the row of (n, p) in {@link #BOUNDS}; 0 (all zero) from
     *     lambda (1 - p) = {@value #VARIANCE_END} on
     */
    static int row(double lambda, double p) {
        if (lambda * (1 - p) >= VARIANCE_END) {
            return 0;
        }
        final int cell = (int) ((lambda - LAMBDA_MIN) * OFFSET_BINS);
        final int pBin = Math.min(P_BINS - 1, (int) (p * P_BINS_PER_UNIT));
        final int filled = cell * P_BINS + pBin;
        if (!FILLED[filled]) {
            fill(cell, pBin);
            FILLED[filled] = true;
        }
        return rowStart(cell, pBin);
    }

    /** First index of the row of lambda cell {@code cell} and p bin {@code pBin}, after the zero row. */
    private static int rowStart(int cell, int pBin) {
        return (1 + cell * P_BINS + pBin) * ENTRIES;
    }

    /**
     * @param kMinusMode k - m (k may be far outside [0, n])
     * @return its entry in a row: clamped into [0, {@value #ENTRIES} - 1], whose ends hold 0
     */
    static int entry(long kMinusMode) {
        return (int) Math.min(ENTRIES - 1, Math.max(0, kMinusMode + J_OFFSET));
    }

    /** Writes the bounds of lambda cell {@code cell} and p bin {@code pBin} into their row. */
    private static void fill(int cell, int pBin) {
        final float[] bounds = BOUNDS;
        final int m = LAMBDA_MIN + cell / OFFSET_BINS;
        final double lambda0 = LAMBDA_MIN + (double) cell / OFFSET_BINS;
        final double lambda1 = LAMBDA_MIN + (cell + 1.0) / OFFSET_BINS;
        final double p1 = (pBin + 1.0) / P_BINS_PER_UNIT;
        final double bigN = Math.ceil(lambda0 / p1 - 1) + 1;
        final int mode = rowStart(cell, pBin) + J_OFFSET;
        // r_j = r_(j-1) times the factor of step j, 0 from the first factor that is not positive.
        double ratio = 1;
        for (int j = 1; j < ENTRIES - 1 - J_OFFSET; j++) {
            final double factor = (bigN - m - j) * lambda0 / ((m + j) * (bigN - lambda0));
            ratio = factor > 0 ? ratio * factor : 0;
            bounds[mode + j] = roundDown(ratio);
        }
        ratio = 1;
        for (int i = 0; i < J_OFFSET - 1; i++) {
            final double factor = (m - i) * (bigN - lambda1) / ((bigN - m + i) * lambda1);
            ratio = factor > 0 ? ratio * factor : 0;
            bounds[mode - i - 1] = roundDown(ratio);
        }
        bounds[mode] = roundDown(1);
    }

    /** The largest float at most x (1 - 1e-9): covers the rounding of at most 2 x 15 factors. */
    private static float roundDown(double x) {
        final double lowered = x * (1 - 1e-9);
        final float f = (float) lowered;
        return f > lowered ? Math.nextDown(f) : f;
    }
}
