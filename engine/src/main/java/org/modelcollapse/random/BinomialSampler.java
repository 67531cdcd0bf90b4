package org.modelcollapse.random;

import org.apache.commons.rng.UniformRandomProvider;

/**
 * Binomial(n, p) variates for parameters that change on every call.
 *
 * <p>With p' = min(p, 1 - p) the sampler uses inversion by sequential search when n p' &lt;
 * {@value #INVERSION_LIMIT} (expected n p' + 1 iterations, one uniform) and otherwise BTRD,
 * the transformed-rejection algorithm with decomposition of W. Hörmann, "The generation of binomial
 * random variates", J. Statist. Comput. Simul. 46 (1993) 101–110, doi:10.1080/00949659308811496
 * (about 1.15 uniforms per variate, no set-up table, so set-up costs O(1) per call).
 * Degenerate cases (n = 0, p = 0, p = 1) are exact and consume no randomness.
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

    /** 1/x for the inversion loop (x below the table's length), replacing a division per step. */
    private static final double[] RECIPROCAL = new double[128];

    static {
        for (int x = 1; x < RECIPROCAL.length; x++) {
            RECIPROCAL[x] = 1.0 / x;
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
        return n * p < INVERSION_LIMIT ? inversion(n, p) : btrd(n, p);
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

    /** BTRD, Hörmann (1993), steps 0–3.4; requires n p >= 10 and p <= 1/2. */
    private int btrd(int n, double p) {
        final double spq = Math.sqrt(n * p * (1 - p));
        final double b = 1.15 + 2.53 * spq;
        final double a = -0.0873 + 0.0248 * b + 0.01 * p;
        final double c = n * p + 0.5;
        final double vr = 0.92 - 4.2 / b;
        final double urvr = 0.86 * vr;
        while (true) {
            double v = rng.nextDouble();
            if (v <= urvr) {
                // Step 1: the triangular centre, accepted without further test (a share 0.86 v_r
                // of the draws: 0.70 at n p (1 - p) = 100, 0.79 at 10^5).
                final double u = v / vr - 0.43;
                return (int) Math.floor((2 * a / (0.5 - Math.abs(u)) + b) * u + c);
            }
            final int k = btrdCandidate(n, p, spq, a, b, c, vr, v);
            if (k >= 0) {
                return k;
            }
        }
    }

    /** Steps 2–3.4 of BTRD: one rejection trial; returns -1 on rejection. Kept out of the hot path. */
    private int btrdCandidate(int n, double p, double spq, double a, double b, double c, double vr, double v) {
        double u;
        if (v >= vr) {
            u = rng.nextDouble() - 0.5;
        } else {
            u = v / vr - 0.93;
            u = Math.copySign(0.5, u) - u;
            v = rng.nextDouble() * vr;
        }
        final double us = 0.5 - Math.abs(u);
        final double kd = Math.floor((2 * a / us + b) * u + c);
        if (kd < 0 || kd > n) {
            return -1;
        }
        final int k = (int) kd;
        final double alpha = (2.83 + 5.1 / b) * spq;
        v = v * alpha / (a / (us * us) + b);
        final int m = (int) Math.floor((n + 1.0) * p);
        final int km = Math.abs(k - m);
        final double r = p / (1 - p);
        final double nr = (n + 1.0) * r;
        if (km <= 15) {
            // Step 3.1: compare v with f(k)/f(m) = prod (nr/i - r), evaluated as a ratio of two
            // products so that the at most 15 factors cost multiplications, not divisions.
            double num = 1;
            double den = 1;
            if (m < k) {
                for (int i = m + 1; i <= k; i++) {
                    num *= nr - r * i;
                    den *= i;
                }
                return v * den <= num ? k : -1;
            }
            for (int i = k + 1; i <= m; i++) {
                num *= nr - r * i;
                den *= i;
            }
            return v * num <= den ? k : -1;
        }
        // Step 3.2: squeeze on ln v.
        v = Math.log(v);
        final double npq = n * p * (1 - p);
        final double rho = (km / npq) * (((km / 3.0 + 0.625) * km + 1.0 / 6) / npq + 0.5);
        final double t = -(double) km * km / (2 * npq);
        if (v < t - rho) {
            return k;
        }
        if (v > t + rho) {
            return -1;
        }
        // Steps 3.3–3.4: the final acceptance test with Stirling corrections.
        final double nm = n - m + 1.0;
        final double h = (m + 0.5) * Math.log((m + 1) / (r * nm)) + fc(m) + fc(n - m);
        final double nk = n - k + 1.0;
        final double bound = h + (n + 1.0) * Math.log(nm / nk) + (k + 0.5) * Math.log(nk * r / (k + 1)) - fc(k) - fc(n - k);
        return v <= bound ? k : -1;
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
