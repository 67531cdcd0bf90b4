package org.modelcollapse.random;

/**
 * Accurate binomial and hypergeometric probabilities by the saddle-point expansion of
 * C. Loader, "Fast and accurate computation of binomial probabilities" (2000): the Stirling-series
 * error stirlerr(n) = ln n! - ln(sqrt(2 pi n) (n/e)^n) and the deviance term
 * bd0(x, np) = x ln(x/np) + np - x evaluated without cancellation, so that a probability of a
 * population of 10^9 loses no more accuracy than one of 10.
 */
final class LoaderPmf {
    private static final double LN_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);
    private static final double LN_2PI = Math.log(2 * Math.PI);
    /** stirlerr(n) for n = 0..15 from ln n! summed directly (exact to rounding at these sizes). */
    private static final double[] STIRLERR = new double[16];

    static {
        double lnFactorial = 0;
        STIRLERR[0] = 0; // not used: x = 0 and x = n are handled apart
        for (int n = 1; n < STIRLERR.length; n++) {
            lnFactorial += Math.log(n);
            STIRLERR[n] = lnFactorial - (n + 0.5) * Math.log(n) + n - LN_SQRT_2PI;
        }
    }

    private LoaderPmf() {}

    /** Stirling error for n &gt;= 1. */
    static double stirlerr(long n) {
        if (n < STIRLERR.length) {
            return STIRLERR[(int) n];
        }
        final double nn = (double) n * n;
        final double s0 = 1.0 / 12;
        final double s1 = 1.0 / 360;
        final double s2 = 1.0 / 1260;
        final double s3 = 1.0 / 1680;
        final double s4 = 1.0 / 1188;
        return (s0 - (s1 - (s2 - (s3 - s4 / nn) / nn) / nn) / nn) / n;
    }

    /** bd0(x, np) = x ln(x / np) + np - x, by a series when x is close to np. */
    static double bd0(double x, double np) {
        if (Math.abs(x - np) < 0.1 * (x + np)) {
            final double v = (x - np) / (x + np);
            double s = (x - np) * v;
            double ej = 2 * x * v;
            final double v2 = v * v;
            for (int j = 1; j < 1000; j++) {
                ej *= v2;
                final double s1 = s + ej / (2 * j + 1);
                if (s1 == s) {
                    return s1;
                }
                s = s1;
            }
            return s;
        }
        return x * Math.log(x / np) + np - x;
    }

    /** P(X = x) for X ~ Binomial(n, p), with q = 1 - p given separately for accuracy. */
    static double binomial(long x, long n, double p, double q) {
        if (x < 0 || x > n) {
            return 0;
        }
        if (p == 0) {
            return x == 0 ? 1 : 0;
        }
        if (q == 0) {
            return x == n ? 1 : 0;
        }
        if (x == 0) {
            if (n == 0) {
                return 1;
            }
            return Math.exp(p < 0.1 ? -bd0(n, n * q) - n * p : n * Math.log(q));
        }
        if (x == n) {
            return Math.exp(q < 0.1 ? -bd0(n, n * p) - n * q : n * Math.log(p));
        }
        final double lc = stirlerr(n) - stirlerr(x) - stirlerr(n - x) - bd0(x, n * p) - bd0(n - x, n * q);
        final double lf = LN_2PI + Math.log(x) + Math.log1p(-(double) x / n);
        return Math.exp(lc - 0.5 * lf);
    }

    /** P(X = x) for X ~ Hypergeometric(population, successes, draws). */
    static double hypergeometric(long x, long population, long successes, long draws) {
        final long failures = population - successes;
        final double p = (double) draws / population;
        final double q = (double) (population - draws) / population;
        final double p1 = binomial(x, successes, p, q);
        final double p2 = binomial(draws - x, failures, p, q);
        final double p3 = binomial(draws, population, p, q);
        return p1 * p2 / p3;
    }
}
