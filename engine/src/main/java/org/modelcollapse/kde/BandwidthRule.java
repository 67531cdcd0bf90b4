package org.modelcollapse.kde;

/**
 * How a generation's bandwidth h is chosen from the n points it is fitted to: fixed, or recomputed each
 * generation by Scott's rule h = s n^(-1/(d+4)) (Scott 1992, Multivariate Density Estimation, §6.3) or
 * Silverman's h = s (4/((d+2) n))^(1/(d+4)) (Silverman 1986, Density Estimation, (4.14)), with s^2 the mean
 * over coordinates of the data's unbiased per-coordinate variance. These are scipy.stats.gaussian_kde's
 * factors times the data's spread (scipy scales its factor by the data's covariance); scikit-learn's
 * {@code KernelDensity(bandwidth="scott" | "silverman")} uses the bare factors, which assumes standardised
 * data, so its h differs from ours by s.
 */
public enum BandwidthRule {
    /** The given h, every generation. */
    FIXED("fixed"),
    /** h = s n^(-1/(d+4)). */
    SCOTT("scott"),
    /** h = s (4/((d+2) n))^(1/(d+4)). */
    SILVERMAN("silverman");

    private final String label;

    BandwidthRule(String label) {
        this.label = label;
    }

    /** @return the name on the command line and in manifests */
    public String label() {
        return label;
    }

    /**
     * @param fixed the fixed h (read by {@link #FIXED} only)
     * @param spread s, the root of the mean unbiased per-coordinate variance (read by the rules only)
     * @param n the fitted points
     * @return the bandwidth of a fit to n points in d dimensions
     */
    public double bandwidth(double fixed, double spread, int n, int d) {
        return switch (this) {
            case FIXED -> fixed;
            case SCOTT -> spread * Math.pow(n, -1.0 / (d + 4));
            case SILVERMAN -> spread * Math.pow(4.0 / ((d + 2.0) * n), 1.0 / (d + 4));
        };
    }
}
