package org.modelcollapse.gaussian;

/** The covariance estimator a generation's fit uses (SPEC §3). */
public enum Estimator {
    /** Divide the scatter by M - 1: E Sigma_{n+1} = Sigma_n. */
    UNBIASED,
    /** Divide the scatter by M, the maximum-likelihood estimate. */
    MLE;

    /** @return the divisor of the scatter matrix for a sample of m points */
    public int divisor(int m) {
        return this == UNBIASED ? m - 1 : m;
    }

    /** @return the divisor for a pool of m points (accumulate: more than 2^31 points in all) */
    public long divisor(long m) {
        return this == UNBIASED ? m - 1 : m;
    }
}
