package org.modelcollapse.random;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.apache.commons.numbers.gamma.LogGamma;
import org.junit.jupiter.api.Test;

/**
 * The banded squeeze of {@link BinomialSampler} must lie below Hörmann's acceptance function
 * h(u) = f(k(u))/f(m) (a/u_s^2 + b)/alpha wherever it accepts: otherwise the sampler would accept
 * candidates that the exact test rejects. Checked on (n, p) drawn independently of those the table
 * was computed from, with h from Commons Numbers' ln Gamma.
 */
class BinomialSqueezeTest {
    private static final long SEED = 0xb1_2026L;

    @Test
    void squeezeLiesBelowTheAcceptanceFunction() {
        final SplittableRandom random = new SplittableRandom(SEED);
        for (int trial = 0; trial < 3000; trial++) {
            final long n;
            final double p;
            if (trial % 3 == 0) {
                // Small n, where the discreteness of k and m makes h dip lowest.
                n = 20 + random.nextInt(trial % 2 == 0 ? 100 : 3000);
                p = 10.0 / n + (0.5 - 10.0 / n) * random.nextDouble();
            } else {
                final double npq = 5 * Math.pow(10, 7 * random.nextDouble());
                p = 0.5 * Math.pow(10, -7 * random.nextDouble());
                n = (long) Math.ceil(npq / (p * (1 - p)));
            }
            if (n > Integer.MAX_VALUE || n * p < BinomialSampler.INVERSION_LIMIT) {
                continue;
            }
            checkBands((int) n, p);
        }
    }

    private static void checkBands(int n, double p) {
        final double q = 1 - p;
        final double npq = n * p * q;
        final double spq = Math.sqrt(npq);
        final double b = 1.15 + 2.53 * spq;
        final double a = -0.0873 + 0.0248 * b + 0.01 * p;
        final double c = n * p + 0.5;
        final double alpha = (2.83 + 5.1 / b) * spq;
        final long m = (long) ((n + 1.0) * p);
        final double lnR = Math.log(p / q);
        final double lnFm = LogGamma.value(m + 1.0) + LogGamma.value(n - m + 1.0);
        final int row = BinomialSampler.squeezeRow(npq);
        // Finer than one candidate k: h is monotone in |u| between the jumps of k.
        final int steps = (int) Math.max(100, 0.43 * b);
        for (int i = 0; i < steps; i++) {
            final double au = 0.43 * i / steps;
            for (double u : new double[] {au, -au}) {
                final double us = 0.5 - Math.abs(u);
                final double k = Math.floor(Math.fma(Math.fma(2 * a, 1 / us, b), u, c));
                final double h = k < 0 || k > n ? 0
                    : Math.exp(lnFm - LogGamma.value(k + 1) - LogGamma.value(n - k + 1) + (k - m) * lnR) * (a / (us * us) + b) / alpha;
                final double squeeze = BinomialSampler.SQUEEZE[row + BinomialSampler.squeezeBand(u)];
                if (squeeze > h) {
                    assertEquals(h, squeeze, 0, "squeeze above h at n=" + n + " p=" + p + " u=" + u + " (seed " + SEED + ")");
                }
            }
        }
    }
}
