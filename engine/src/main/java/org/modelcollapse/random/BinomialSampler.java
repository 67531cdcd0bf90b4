package org.modelcollapse.random;

import org.apache.commons.rng.UniformRandomProvider;

/**
 * Binomial(n, p) variates for parameters that change on every call.
 *
 * <p>With p' = min(p, 1 - p) the sampler uses inversion by sequential search when n p' &lt;
 * {@value #INVERSION_LIMIT} (expected n p' + 1 iterations, one uniform) and otherwise the
 * transformed rejection of W. Hörmann, "The generation of binomial random variates", J. Statist.
 * Comput. Simul. 46 (1993) 101–110, doi:10.1080/00949659308811496: his hat, constants and exact
 * acceptance test, with two departures that only change speed, measured in results/BENCHMARKS.md:
 * <ul>
 *   <li>Each trial draws its own u and v (Hörmann's BTRS form) instead of recycling v into u
 *   (BTRD): the multiplier of u then needs no division that waits for the set-up.</li>
 *   <li>Hörmann's squeeze accepts without further test when |u| &lt;= 0.43 and v &lt;= v_r, one box
 *   under the acceptance function h(u) = f(k(u))/f(m) (a/u_s^2 + b)/alpha. Two squeezes replace it;
 *   a trial that passes either is accepted without the exact test.
 *   <ul>
 *     <li>The banded squeeze cuts the box into {@value #BANDS} bands of |u| and {@value #CELLS} cells
 *     of n p' (1 - p'), each with the minimum of h over that band and cell less 0.02
 *     ({@link #SQUEEZE}). It accepts a share 2 (0.43/8) sum(row) of trials (band width times its
 *     entries): 53% at n p q = 9, where v_r accepts 38%, and 73% at n p q = 250, where v_r accepts
 *     70%.</li>
 *     <li>The ratio squeeze replaces f(k)/f(m) in the exact test by a tabulated lower bound of it
 *     ({@link ModeRatioBounds}: by (n + 1) p, p and k - m, while n p q is below about 32). It
 *     accepts most of the trials that the exact test accepts.</li>
 *   </ul>
 *   Both only accept trials that the exact test accepts, so the draws are those of the exact test
 *   alone.</li>
 * </ul>
 * The exact test multiplies pmf ratios within {@value #PRODUCT_MAX} of the mode (Hörmann's step
 * 3.1, for every n); farther out it compares logarithms with a table of ln k! below
 * {@value #LOG_FACTORIAL_SIZE} trials and takes his steps 3.2–3.4 above. Degenerate cases (n = 0, p = 0, p = 1) are exact and consume
 * no randomness.
 *
 * <p>Consumes {@link UniformRandomProvider#nextDouble()} only. Not thread-safe: one instance per
 * stream.
 */
public final class BinomialSampler {
    /** n min(p, 1-p) below which inversion is used (chosen by JMH, see results/BENCHMARKS.md). */
    static final double INVERSION_LIMIT = 10;

    /**
     * Stirling-series corrections fc(k) = ln k! - (k + 1/2) ln(k + 1) + (k + 1) - ln(2 pi)/2 for
     * k = 0..9 (Hörmann 1993, table in step 3.3); larger k use the series in {@link #fc(int)}.
     */
    private static final double[] FC = {
        0.08106146679532726, 0.04134069595540929, 0.02767792568499834, 0.02079067210376509,
        0.01664469118982119, 0.01387612882307075, 0.01189670994589177, 0.01041126526197209,
        0.009255462182712733, 0.008330563433362871,
    };

    /** Bands of |u| in [0, 0.43) and cells of n p q in a {@link #SQUEEZE} row, and the row stride. */
    static final int BANDS = 8;
    static final int CELLS = 24;
    private static final int ROW = 16;

    /**
     * The banded squeeze: row {@code cell * 16}, entry {@code band}, holds a lower bound of the
     * acceptance function h over |u| in [band, band + 1) 0.43/8 for every (n, p) with n p' >= 10 whose
     * n p q falls in the cell [2^((cell + 4)/2), 2^((cell + 5)/2)) (cell 23: from 11585 on). Computed as
     * the minimum of h over about 600,000 random (n, p) and a grid of every n from 20 to 300 with
     * steps of (1/2 - 10/n)/25,000 in p, |u| sampled finer than one candidate k, less 0.02, rounded down; {@code BinomialSqueezeTest} checks it against h on fresh (n, p). Entries 8..15 of
     * a row are 0: |u| >= 0.43 always takes the exact test.
     */
    static final double[] SQUEEZE = {
        0.819, 0.778, 0.707, 0.635, 0.562, 0.479, 0.438, 0.411, 0, 0, 0, 0, 0, 0, 0, 0,
        0.814, 0.767, 0.697, 0.635, 0.559, 0.495, 0.443, 0.423, 0, 0, 0, 0, 0, 0, 0, 0,
        0.813, 0.753, 0.697, 0.625, 0.564, 0.508, 0.484, 0.449, 0, 0, 0, 0, 0, 0, 0, 0,
        0.823, 0.762, 0.706, 0.648, 0.576, 0.533, 0.511, 0.473, 0, 0, 0, 0, 0, 0, 0, 0,
        0.844, 0.795, 0.738, 0.681, 0.622, 0.575, 0.560, 0.540, 0, 0, 0, 0, 0, 0, 0, 0,
        0.860, 0.823, 0.771, 0.713, 0.659, 0.617, 0.603, 0.592, 0, 0, 0, 0, 0, 0, 0, 0,
        0.878, 0.843, 0.796, 0.743, 0.691, 0.653, 0.645, 0.643, 0, 0, 0, 0, 0, 0, 0, 0,
        0.892, 0.862, 0.820, 0.772, 0.721, 0.686, 0.680, 0.684, 0, 0, 0, 0, 0, 0, 0, 0,
        0.905, 0.880, 0.839, 0.793, 0.748, 0.717, 0.713, 0.719, 0, 0, 0, 0, 0, 0, 0, 0,
        0.917, 0.892, 0.857, 0.813, 0.771, 0.743, 0.740, 0.752, 0, 0, 0, 0, 0, 0, 0, 0,
        0.925, 0.905, 0.871, 0.831, 0.792, 0.767, 0.765, 0.780, 0, 0, 0, 0, 0, 0, 0, 0,
        0.932, 0.914, 0.884, 0.846, 0.809, 0.787, 0.786, 0.803, 0, 0, 0, 0, 0, 0, 0, 0,
        0.939, 0.923, 0.895, 0.859, 0.824, 0.805, 0.804, 0.823, 0, 0, 0, 0, 0, 0, 0, 0,
        0.943, 0.930, 0.904, 0.870, 0.837, 0.820, 0.820, 0.841, 0, 0, 0, 0, 0, 0, 0, 0,
        0.946, 0.937, 0.912, 0.880, 0.848, 0.833, 0.833, 0.856, 0, 0, 0, 0, 0, 0, 0, 0,
        0.948, 0.942, 0.918, 0.887, 0.858, 0.844, 0.844, 0.869, 0, 0, 0, 0, 0, 0, 0, 0,
        0.951, 0.946, 0.924, 0.894, 0.866, 0.853, 0.854, 0.880, 0, 0, 0, 0, 0, 0, 0, 0,
        0.952, 0.950, 0.929, 0.900, 0.873, 0.861, 0.862, 0.890, 0, 0, 0, 0, 0, 0, 0, 0,
        0.954, 0.953, 0.933, 0.905, 0.879, 0.868, 0.869, 0.898, 0, 0, 0, 0, 0, 0, 0, 0,
        0.955, 0.956, 0.936, 0.909, 0.884, 0.874, 0.874, 0.905, 0, 0, 0, 0, 0, 0, 0, 0,
        0.956, 0.958, 0.939, 0.913, 0.888, 0.879, 0.879, 0.910, 0, 0, 0, 0, 0, 0, 0, 0,
        0.957, 0.960, 0.941, 0.915, 0.891, 0.883, 0.884, 0.915, 0, 0, 0, 0, 0, 0, 0, 0,
        0.958, 0.961, 0.943, 0.918, 0.894, 0.886, 0.887, 0.920, 0, 0, 0, 0, 0, 0, 0, 0,
        0.959, 0.963, 0.945, 0.920, 0.897, 0.889, 0.890, 0.923, 0, 0, 0, 0, 0, 0, 0, 0,
    };

    /** Trials below which the exact test uses {@link #LOG_FACTORIAL}. */
    static final int LOG_FACTORIAL_SIZE = 2048;

    /** ln k! for k < {@value #LOG_FACTORIAL_SIZE}, by compensated summation of ln i. */
    private static final double[] LOG_FACTORIAL = new double[LOG_FACTORIAL_SIZE];

    /** 1/x for the inversion loop (x below the table's length), replacing a division per step. */
    private static final double[] RECIPROCAL = new double[128];

    static {
        for (int x = 1; x < RECIPROCAL.length; x++) {
            RECIPROCAL[x] = 1.0 / x;
        }
        double sum = 0;
        double compensation = 0;
        for (int k = 2; k < LOG_FACTORIAL_SIZE; k++) {
            final double term = Math.log(k) - compensation;
            final double next = sum + term;
            compensation = (next - sum) - term;
            sum = next;
            LOG_FACTORIAL[k] = sum;
        }
    }

    private final UniformRandomProvider rng;

    private BinomialSampler(UniformRandomProvider rng) {
        this.rng = rng;
    }

    /**
     * @param rng source of uniforms. Not modified here; consumed by {@link #sample}.
     * @return a sampler drawing from {@code rng}
     */
    public static BinomialSampler of(UniformRandomProvider rng) {
        if (rng == null) {
            throw new IllegalArgumentException("rng must not be null");
        }
        return new BinomialSampler(rng);
    }

    /** @return a sampler with the same (absent) tables drawing from another stream */
    public BinomialSampler withUniformRandomProvider(UniformRandomProvider other) {
        return of(other);
    }

    /**
     * @param n number of trials, &gt;= 0
     * @param p success probability in [0, 1]
     * @return a Binomial(n, p) variate
     */
    public int sample(int n, double p) {
        if (n < 0 || !(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException("Binomial parameters out of range: n=" + n + " (>= 0), p=" + p + " (in [0, 1])");
        }
        return sampleUnchecked(n, p);
    }

    /** Kernel without argument checks, for callers that guarantee n &gt;= 0 and p in [0, 1]. */
    int sampleUnchecked(int n, double p) {
        if (p > 0.5) {
            return n - sampleHalf(n, 1 - p);
        }
        return sampleHalf(n, p);
    }

    private int sampleHalf(int n, double p) {
        if (n == 0 || p == 0) {
            return 0;
        }
        return n * p < INVERSION_LIMIT ? inversion(n, p) : rejection(n, p);
    }

    /** Sequential search from 0 (Kachitvichyanukul & Schmeiser 1988, algorithm BINV). */
    private int inversion(int n, double p) {
        final double q = 1 - p;
        final double s = p / q;
        final double a = (n + 1.0) * s;
        final double r0 = power(q, n);
        while (true) {
            double u = rng.nextDouble();
            double r = r0;
            int x = 0;
            while (u > r) {
                u -= r;
                x++;
                if (x > n) {
                    break; // the pmf's rounding left u uncovered: draw again (probability ~1e-15)
                }
                r *= a * (x < RECIPROCAL.length ? RECIPROCAL[x] : 1.0 / x) - s;
            }
            if (x <= n) {
                return x;
            }
        }
    }

    /**
     * Transformed rejection (Hörmann 1993) with the two squeezes; requires n p >= 10 and p <= 1/2.
     * Returns floor((2a/u_s + b) u + c) for the first trial (u, v) that passes.
     */
    private int rejection(int n, double p) {
        final double q = 1 - p;
        final double npq = n * p * q;
        final double spq = Math.sqrt(npq);
        final double b = 1.15 + 2.53 * spq;
        final double a = -0.0873 + 0.0248 * b + 0.01 * p;
        final double twoA = 2 * a;
        final double c = n * p + 0.5;
        final double alpha = (2.83 + 5.1 / b) * spq;
        final double lambda = (n + 1.0) * p;
        final int m = (int) lambda;
        final int row = squeezeRow(npq);
        final int ratioRow = ModeRatioBounds.row(lambda, p);
        final float[] ratioBounds = ModeRatioBounds.BOUNDS;
        // Beyond the table's limit the ratio squeeze is skipped: the invariant is tested first, so
        // that the look-up and its comparison are not evaluated there.
        final boolean nearMode = ratioRow != 0;
        while (true) {
            final double u = rng.nextDouble() - 0.5;
            final double v = rng.nextDouble();
            final double us = 0.5 - Math.abs(u);
            final double kd = Math.floor(Math.fma(Math.fma(twoA, 1 / us, b), u, c));
            // The ratio squeeze: v alpha / (a/u_s^2 + b) <= L_(k-m) <= f(k)/f(m), multiplied out.
            // One branch for both squeezes: the banded one alone is close to a coin flip, and a
            // branch of its own would add a second mispredicted branch to many trials.
            final double us2 = us * us;
            final double lowerBound = ratioBounds[ratioRow + ModeRatioBounds.entry((long) kd - m)];
            if (v <= SQUEEZE[row + squeezeBand(u)] | (nearMode && v * alpha * us2 <= lowerBound * Math.fma(b, us2, a))) {
                return (int) kd;
            }
            if (kd >= 0 & kd <= n) {
                // The exact test, v alpha / (a/u_s^2 + b) <= f(k)/f(m): near the mode by Hörmann's
                // step 3.1 (products, no logarithm: 2-3 ns faster at n p q = 9-25), farther by the
                // ln k! table (inline, 2-3 ns faster than a call) or, beyond it, his steps 3.2-3.4.
                final int k = (int) kd;
                final double scaled = v * (2.83 + 5.1 / b) * spq * us2 / (a + b * us2);
                if (Math.abs(k - m) <= PRODUCT_MAX) {
                    if (acceptsByProduct(n, p / q, m, k, scaled)) {
                        return k;
                    }
                } else if (n < LOG_FACTORIAL_SIZE) {
                    final double[] lf = LOG_FACTORIAL;
                    if (Math.log(scaled) <= lf[m] + lf[n - m] - lf[k] - lf[n - k] + (k - m) * Math.log(p / q)) {
                        return k;
                    }
                } else if (acceptsFar(n, p, npq, m, k, scaled)) {
                    return k;
                }
            }
        }
    }

    /** First index of the {@link #SQUEEZE} row for n p q >= 5: half octaves from 4, the last open-ended. */
    static int squeezeRow(double npq) {
        return Math.min(CELLS - 1, Math.getExponent(npq * npq) - 4) * ROW;
    }

    /** Band of |u| < 1/2 in a {@link #SQUEEZE} row; bands from 0.43 on hold 0 (no squeeze there). */
    static int squeezeBand(double u) {
        return (int) (Math.abs(u) * (BANDS / 0.43));
    }

    /** |k - m| up to which the exact test multiplies pmf ratios (Hörmann's step 3.1). */
    static final int PRODUCT_MAX = 15;

    /**
     * Step 3.1 of Hörmann (1993): is {@code scaled} at most f(k)/f(m) = prod (nr/i - r) over i
     * between k and m? Evaluated as a ratio of two products, so that the at most
     * {@value #PRODUCT_MAX} factors cost multiplications, not divisions.
     *
     * @param r p / (1 - p)
     */
    private static boolean acceptsByProduct(int n, double r, int m, int k, double scaled) {
        final double nr = (n + 1.0) * r;
        double num = 1;
        double den = 1;
        final int from = Math.min(k, m) + 1;
        final int to = Math.max(k, m);
        for (int i = from; i <= to; i++) {
            num *= nr - r * i;
            den *= i;
        }
        return m < k ? scaled * den <= num : scaled * num <= den;
    }

    /**
     * Steps 3.2–3.4 of Hörmann (1993) for |k - m| beyond {@value #PRODUCT_MAX} and n beyond the
     * ln k! table: is {@code scaled} = v alpha / (a/u_s^2 + b) at most f(k)/f(m)? Logarithms of
     * factorials of that size would lose the test's precision to cancellation; these steps keep
     * the terms small.
     */
    private static boolean acceptsFar(int n, double p, double npq, int m, int k, double scaled) {
        final double r = p / (1 - p);
        final int km = Math.abs(k - m);
        // Step 3.2: squeeze on ln v.
        final double lnV = Math.log(scaled);
        final double rho = (km / npq) * (((km / 3.0 + 0.625) * km + 1.0 / 6) / npq + 0.5);
        final double t = -(double) km * km / (2 * npq);
        if (lnV < t - rho) {
            return true;
        }
        if (lnV > t + rho) {
            return false;
        }
        // Steps 3.3–3.4: the final acceptance test with Stirling corrections.
        final double nm = n - m + 1.0;
        final double h = (m + 0.5) * Math.log((m + 1) / (r * nm)) + fc(m) + fc(n - m);
        final double nk = n - k + 1.0;
        return lnV <= h + (n + 1.0) * Math.log(nm / nk) + (k + 0.5) * Math.log(nk * r / (k + 1)) - fc(k) - fc(n - k);
    }

    /**
     * q^n by repeated squaring: a few multiplications instead of exp(n ln q). Its relative error, at most
     * about (n + log2 n) ulps, is of the order of the error q = 1 - p already carries into q^n.
     */
    static double power(double q, int n) {
        double result = 1;
        double base = q;
        for (int e = n; e != 0; e >>>= 1) {
            result *= (e & 1) != 0 ? base : 1.0;
            base *= base;
        }
        return result;
    }

    /** Stirling correction fc(k) = ln k! - [(k + 1/2) ln(k + 1) - (k + 1) + ln(2 pi)/2]. */
    static double fc(int k) {
        if (k < FC.length) {
            return FC[k];
        }
        final double r = 1.0 / (k + 1);
        final double rr = r * r;
        return (1.0 / 12 - (1.0 / 360 - rr / 1260) * rr) * r;
    }
}
