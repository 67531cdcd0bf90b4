package org.modelcollapse.kde;

import java.util.Arrays;
import java.util.List;

/** The metrics of a KDE chain, in the order they are written (docs/theory.md, KDE). */
public enum KdeMetric {
    /** Mean over the held-out original points of -ln f(x); at generation 0 of a distribution, its exact density. */
    HELDOUT_NLL("heldout_nll"),
    /** Mean over coordinates of the biased variance of the centres (generation 0 of a distribution: the mean of its covariance's diagonal). */
    DATA_VARIANCE("data_variance"),
    /** ||mean of the centres - mu_0||^2 (0 at generation 0). */
    MEAN_SQ_DISTANCE("mean_sq_distance"),
    /** The model's h (NaN at generation 0 of a distribution, which is no KDE). */
    BANDWIDTH("bandwidth");

    /** Every metric's name, in order. */
    public static final List<String> NAMES = Arrays.stream(values()).map(KdeMetric::label).toList();

    private final String label;

    KdeMetric(String label) {
        this.label = label;
    }

    /** @return the column name */
    public String label() {
        return label;
    }
}
