package org.modelcollapse.random;

/**
 * Binomial(n, c / N) for every c in 0..N, tabulated: the rows of the two-allele Wright–Fisher
 * transition matrix from a population of N to one of n. Each row is a Walker alias table over
 * 0..n built by Vose's method ({@link AliasTable#pairUp}), so a draw costs one uniform and two table
 * reads whatever n and c are; building costs O(N n) once. Worth it where the same (n, N) recurs
 * many times, as in a chain with constant sample size whose model has two categories left.
 *
 * <p>A row's probabilities come from the ratio recurrence f(k + 1) / f(k) = (n - k) c / ((k + 1)
 * (N - c)), run outward from the mode and normalised by their sum, so each carries a relative error
 * of about 2n ulps; no factorial or power is evaluated. Immutable after construction.
 */
public final class BinomialRows {
    /** Largest (N + 1)(n + 1) tabulated (memory: 12 bytes per entry). */
    public static final long MAX_ENTRIES = 1 << 17;

    /** The table {@link #shared} made last. */
    private static volatile BinomialRows lastShared;

    private final int trials;
    private final int total;
    private final int width;
    private final double[] threshold;
    private final int[] alias;

    private BinomialRows(int trials, int total) {
        this.trials = trials;
        this.total = total;
        this.width = trials + 1;
        this.threshold = new double[(total + 1) * width];
        this.alias = new int[(total + 1) * width];
        final double[] pmf = new double[width];
        final int[] small = new int[width];
        final int[] large = new int[width];
        for (int c = 0; c <= total; c++) {
            binomialPmf(trials, c, total, pmf);
            for (int k = 0; k < width; k++) {
                threshold[c * width + k] = pmf[k] * width;
            }
            AliasTable.pairUp(threshold, alias, c * width, width, small, large);
        }
    }

    /**
     * @param trials n &gt;= 0
     * @param total N &gt;= 1
     * @return the table, if it has at most {@link #MAX_ENTRIES} entries
     */
    public static BinomialRows of(int trials, int total) {
        if (trials < 0 || total < 1 || !fits(trials, total)) {
            throw new IllegalArgumentException("BinomialRows needs n >= 0, N >= 1 and (N + 1)(n + 1) <= " + MAX_ENTRIES
                    + ": n=" + trials + ", N=" + total);
        }
        return new BinomialRows(trials, total);
    }

    /**
     * The table for (n, N), shared: the last one this method made is handed out again while the
     * parameters match. Every chain of a run resamples the same M from M, so a run, or an
     * embedding simulation that creates many chains, builds it once instead of once per chain.
     * The table is immutable; a race between threads at worst builds it twice.
     *
     * @param trials n &gt;= 0
     * @param total N &gt;= 1
     * @return the table, if it has at most {@link #MAX_ENTRIES} entries
     */
    public static BinomialRows shared(int trials, int total) {
        final BinomialRows last = lastShared;
        if (last != null && last.trials == trials && last.total == total) {
            return last;
        }
        final BinomialRows made = of(trials, total);
        lastShared = made;
        return made;
    }

    /** @return true if a table for these parameters stays within {@link #MAX_ENTRIES} */
    public static boolean fits(int trials, int total) {
        return (total + 1L) * (trials + 1L) <= MAX_ENTRIES;
    }

    /** @return n */
    public int trials() {
        return trials;
    }

    /** @return N */
    public int total() {
        return total;
    }

    /**
     * @param c successes in the population, 0 &lt;= c &lt;= N
     * @param u uniform in [0, 1)
     * @return a Binomial(n, c / N) variate
     */
    public int sample(int c, double u) {
        final double x = u * width;
        final int i = Math.min((int) x, trials);
        final int at = c * width + i;
        return x - i < threshold[at] ? i : alias[at];
    }

    /** pmf of Binomial(n, c / N) into {@code out[0..n]}, by the ratio recurrence from the mode. */
    static void binomialPmf(int n, int c, int bigN, double[] out) {
        java.util.Arrays.fill(out, 0, n + 1, 0);
        if (c == 0 || c == bigN) {
            out[c == 0 ? 0 : n] = 1;
            return;
        }
        final double odds = (double) c / (bigN - c);
        final int mode = (int) ((n + 1.0) * c / bigN);
        out[mode] = 1;
        double sum = 1;
        double f = 1;
        for (int k = mode; k < n && f > 0; k++) {
            f *= (n - k) * odds / (k + 1);
            out[k + 1] = f;
            sum += f;
        }
        f = 1;
        for (int k = mode; k > 0 && f > 0; k--) {
            f *= k / ((n - k + 1) * odds);
            out[k - 1] = f;
            sum += f;
        }
        final double inv = 1 / sum;
        for (int k = 0; k <= n; k++) {
            out[k] *= inv;
        }
    }
}
