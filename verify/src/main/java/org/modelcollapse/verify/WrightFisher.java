package org.modelcollapse.verify;

import org.apache.commons.statistics.distribution.BinomialDistribution;

/**
 * Exact finite-M results for one state of the neutral Wright–Fisher chain, whose count follows
 * X_(n+1) ~ Binomial(M, X_n / M): the distribution of the time until the state is lost or fixed
 * (propagating the (M+1)-state transition matrix, O(M^2) per generation), and the diffusion
 * approximation of the mean time to full collapse (Kimura &amp; Ohta, Genetics 61 (1969) 763–771).
 */
public final class WrightFisher {
    private WrightFisher() {}

    /**
     * @param m population M
     * @param initialCount X_0
     * @param generations how many generations to propagate
     * @return P(absorbed by generation n), n = 0..generations
     */
    public static double[] absorptionCdf(int m, int initialCount, int generations) {
        return cdf(m, initialCount, generations, true);
    }

    /**
     * @param m population M
     * @param initialCount X_0
     * @param generations how many generations to propagate
     * @return P(the state is lost by generation n), n = 0..generations
     */
    public static double[] lossCdf(int m, int initialCount, int generations) {
        return cdf(m, initialCount, generations, false);
    }

    private static double[] cdf(int m, int initialCount, int generations, boolean withFixation) {
        final double[][] transition = new double[m + 1][];
        for (int i = 0; i <= m; i++) {
            final BinomialDistribution b = BinomialDistribution.of(m, (double) i / m);
            transition[i] = new double[m + 1];
            for (int j = 0; j <= m; j++) {
                transition[i][j] = b.probability(j);
            }
        }
        double[] p = new double[m + 1];
        p[initialCount] = 1;
        final double[] cdf = new double[generations + 1];
        cdf[0] = p[0] + (withFixation ? p[m] : 0);
        for (int n = 1; n <= generations; n++) {
            final double[] next = new double[m + 1];
            for (int i = 0; i <= m; i++) {
                if (p[i] == 0) {
                    continue;
                }
                for (int j = 0; j <= m; j++) {
                    next[j] += p[i] * transition[i][j];
                }
            }
            p = next;
            cdf[n] = p[0] + (withFixation ? p[m] : 0);
        }
        return cdf;
    }

    /** @return E T = sum over n of P(T &gt; n), from a CDF that has reached ~1 */
    public static double meanFromCdf(double[] cdf) {
        double mean = 0;
        for (double c : cdf) {
            mean += 1 - c;
        }
        return mean;
    }

    /** Diffusion approximation of the mean time to full collapse: -2M sum_j (1 - q_j) ln(1 - q_j). */
    public static double diffusionMeanTime(int m, double[] q) {
        double s = 0;
        for (double v : q) {
            if (v < 1) {
                s += (1 - v) * Math.log(1 - v);
            }
        }
        return -2.0 * m * s;
    }
}
