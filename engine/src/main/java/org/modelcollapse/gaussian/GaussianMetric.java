package org.modelcollapse.gaussian;

import java.util.Arrays;
import java.util.List;

/** The Gaussian chain's metrics (SPEC §5), in column order: {@link #index()} is the position in a chain's metrics. */
public enum GaussianMetric {
    /** ||mu_n - mu_0||^2. */
    MEAN_SQ_DISTANCE("mean_sq_distance"),
    /** tr Sigma_n. */
    TRACE("trace"),
    /** ln det Sigma_n (-infinity once singular). */
    LOG_DET("log_det"),
    /** The smallest eigenvalue of Sigma_n. */
    MIN_EIGENVALUE("min_eigenvalue"),
    /** The largest eigenvalue of Sigma_n. */
    MAX_EIGENVALUE("max_eigenvalue"),
    /** W2(N(mu_n, Sigma_n), N(mu_0, Sigma_0))^2. */
    W2_SQUARED("w2_squared"),
    /** The rank of Sigma_n. */
    RANK("rank");

    /** The names, in column order. */
    public static final List<String> NAMES = Arrays.stream(values()).map(GaussianMetric::label).toList();

    private final String label;

    GaussianMetric(String label) {
        this.label = label;
    }

    /** @return the column name */
    public String label() {
        return label;
    }

    /** @return the position in a chain's metrics */
    public int index() {
        return ordinal();
    }
}
