package org.modelcollapse.bench;

import org.apache.commons.rng.UniformRandomProvider;

/**
 * Binomial(n, p) by BTPE: V. Kachitvichyanukul and B. W. Schmeiser, "Binomial random variate
 * generation", Comm. ACM 31 (1988) 216–222, doi:10.1145/42372.42381, steps 0–5 (triangle,
 * parallelograms and exponential tails as the hat; the ratio f(y)/f(M) by recursion near the mode,
 * else the squeeze on ln v and the Stirling-corrected bound). The issue asked for BTPE or BTRD,
 * measured, and the engine uses BTRD (Hörmann 1993, {@code BinomialSampler}); this is the other
 * candidate, measured beside it in {@link BinomialBenchmark}. Its authors use it for
 * n min(p, 1 - p) &gt;= 30 and inversion below; here it takes every (n, p) with n min(p, 1 - p)
 * &gt;= 10 so that it can be compared wherever BTRD runs. Parameters are passed per call, and the
 * set-up is part of every draw, as in the engine.
 */
final class BtpeBinomial {
    private final UniformRandomProvider rng;

    BtpeBinomial(UniformRandomProvider rng) {
        this.rng = rng;
    }

    /**
     * @param n trials, with n min(p, 1 - p) &gt;= 10
     * @param p success probability
     * @return a Binomial(n, p) variate
     */
    int sample(int n, double p) {
        final double r = Math.min(p, 1 - p);
        final int y = sampleLow(n, r);
        return p > 0.5 ? n - y : y;
    }

    private int sampleLow(int n, double r) {
        // Step 0: set-up.
        final double q = 1 - r;
        final double fm = n * r + r;
        final int m = (int) fm;
        final double npq = n * r * q;
        final double p1 = Math.floor(2.195 * Math.sqrt(npq) - 4.6 * q) + 0.5;
        final double xm = m + 0.5;
        final double xl = xm - p1;
        final double xr = xm + p1;
        final double c = 0.134 + 20.5 / (15.3 + m);
        final double al = (fm - xl) / (fm - xl * r);
        final double lambdaL = al * (1 + 0.5 * al);
        final double ar = (xr - fm) / (xr * q);
        final double lambdaR = ar * (1 + 0.5 * ar);
        final double p2 = p1 * (1 + 2 * c);
        final double p3 = p2 + c / lambdaL;
        final double p4 = p3 + c / lambdaR;
        while (true) {
            // Step 1: the triangle, accepted at once.
            final double u = rng.nextDouble() * p4;
            double v = rng.nextDouble();
            final int y;
            if (u <= p1) {
                return (int) Math.floor(xm - p1 * v + u);
            }
            if (u <= p2) {
                // Step 2: the parallelograms.
                final double x = xl + (u - p1) / c;
                v = v * c + 1 - Math.abs(m - x + 0.5) / p1;
                if (v > 1) {
                    continue;
                }
                y = (int) Math.floor(x);
            } else if (u <= p3) {
                // Step 3: the left exponential tail.
                final double x = Math.floor(xl + Math.log(v) / lambdaL);
                if (x < 0) {
                    continue;
                }
                y = (int) x;
                v = v * (u - p2) * lambdaL;
            } else {
                // Step 4: the right exponential tail.
                final double x = Math.floor(xr - Math.log(v) / lambdaR);
                if (x > n) {
                    continue;
                }
                y = (int) x;
                v = v * (u - p3) * lambdaR;
            }
            if (accepts(n, r, q, m, npq, xm, y, v)) {
                return y;
            }
        }
    }

    /** Step 5: is v at most f(y) / f(M)? */
    private static boolean accepts(int n, double r, double q, int m, double npq, double xm, int y, double v) {
        final int k = Math.abs(y - m);
        if (k <= 20 || k >= npq / 2 - 1) {
            // Step 5.1: f(y) / f(M) by the recursion f(i) / f(i - 1) = (n + 1 - i) s / i, s = r / q.
            final double s = r / q;
            final double a = s * (n + 1);
            double f = 1;
            if (m < y) {
                for (int i = m + 1; i <= y; i++) {
                    f *= a / i - s;
                }
            } else {
                for (int i = y + 1; i <= m; i++) {
                    f /= a / i - s;
                }
            }
            return v <= f;
        }
        // Step 5.2: squeeze on ln v.
        final double rho = (k / npq) * ((k * (k / 3.0 + 0.625) + 1.0 / 6) / npq + 0.5);
        final double t = -(double) k * k / (2 * npq);
        final double lnV = Math.log(v);
        if (lnV < t - rho) {
            return true;
        }
        if (lnV > t + rho) {
            return false;
        }
        // Step 5.3: the bound from Stirling's formula.
        final double x1 = y + 1.0;
        final double f1 = m + 1.0;
        final double z = n + 1.0 - m;
        final double w = n - y + 1.0;
        final double bound = xm * Math.log(f1 / x1) + (n - m + 0.5) * Math.log(z / w) + (y - m) * Math.log(w * r / (x1 * q))
                + stirlingTail(f1) + stirlingTail(z) - stirlingTail(x1) - stirlingTail(w);
        return lnV <= bound;
    }

    /** The series term of Step 5.3, (13860 - (462 - (132 - (99 - 140/x^2)/x^2)/x^2)/x^2) / x / 166320. */
    private static double stirlingTail(double x) {
        final double x2 = x * x;
        return (13860 - (462 - (132 - (99 - 140 / x2) / x2) / x2) / x2) / x / 166320;
    }
}
