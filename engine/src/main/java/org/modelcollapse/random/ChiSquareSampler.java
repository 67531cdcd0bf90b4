package org.modelcollapse.random;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;

/**
 * Chi-square variates with k degrees of freedom, k changing per call: 2 Gamma(k/2) by the method of
 * G. Marsaglia and W. W. Tsang, "A simple method for generating gamma variables", ACM TOMS 26 (2000)
 * 363–372, doi:10.1145/358407.358414 (squeeze, then the exact log test), with the boost
 * Gamma(a) = Gamma(a + 1) U^(1/a) for k = 1. Allocation-free; one instance per stream.
 */
public final class ChiSquareSampler {
    private final UniformRandomProvider rng;
    private final ZigguratSampler.NormalizedGaussian normal;

    public ChiSquareSampler(UniformRandomProvider rng) {
        this.rng = rng;
        this.normal = ZigguratSampler.NormalizedGaussian.of(rng);
    }

    /** @return a chi-square(k) variate; 0 for k &lt;= 0 (the degenerate distribution) */
    public double sample(int k) {
        if (k <= 0) {
            return 0;
        }
        if (k == 1) {
            // Gamma(1/2) = Gamma(3/2) U^2; chi-square(1) = 2 Gamma(1/2).
            final double u = rng.nextDouble();
            return 2 * gamma(1.5) * u * u;
        }
        return 2 * gamma(0.5 * k);
    }

    /** Gamma(a, 1) for a &gt;= 1. */
    private double gamma(double a) {
        final double d = a - 1.0 / 3;
        final double c = 1 / Math.sqrt(9 * d);
        while (true) {
            double x;
            double v;
            do {
                x = normal.sample();
                v = 1 + c * x;
            } while (v <= 0);
            v = v * v * v;
            final double u = rng.nextDouble();
            final double x2 = x * x;
            if (u < 1 - 0.0331 * x2 * x2) {
                return d * v;
            }
            if (Math.log(u) < 0.5 * x2 + d * (1 - v + Math.log(v))) {
                return d * v;
            }
        }
    }
}
