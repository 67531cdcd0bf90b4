package org.modelcollapse.regression;

import java.util.List;

/** The regression chain's metrics, in the order its chains write them; {@link #TEST_MSE} only with held-out test points. */
public enum RegressionMetric {
    /** ||w_t - w*||^2_Sigma = (w_t - w*)^T Sigma_x (w_t - w*): the exact excess risk, what a noiseless test MSE estimates. */
    EXCESS_RISK("excess_risk"),
    /** ||w_t - w*||^2, Euclidean. */
    SQ_DISTANCE("sq_distance"),
    /** ||w_t - w_(t-1)||, the last refit's step (0 at generation 0). */
    STEP_NORM("step_norm"),
    /** Mean of (y - x^T w_t)^2 over the replicate's held-out points (x, y = x^T w* + sigma eps): excess risk + sigma^2 in expectation. */
    TEST_MSE("test_mse");

    private final String label;

    RegressionMetric(String label) {
        this.label = label;
    }

    /** @return the column name */
    public String label() {
        return label;
    }

    /** @return the metric's index in the chain's metrics */
    public int index() {
        return ordinal();
    }

    /** @return the metric names of a chain with {@code testPoints} held-out points */
    public static List<String> names(int testPoints) {
        final int count = testPoints > 0 ? values().length : values().length - 1;
        return java.util.Arrays.stream(values()).limit(count).map(RegressionMetric::label).toList();
    }
}
