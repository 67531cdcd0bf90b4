package org.modelcollapse.discrete;

import java.util.Arrays;
import java.util.List;

/** The categorical chain's metrics (SPEC §5), in column order: {@link #index()} is the position in a chain's metrics. */
public enum CategoricalMetric {
    /** States with p_j &gt; 0. */
    ALIVE_STATES("alive_states"),
    /** -sum p ln p. */
    ENTROPY("entropy"),
    /** 1 - sum p^2. */
    HETEROZYGOSITY("heterozygosity"),
    /** (1/2) sum |p - q|. */
    TV_DISTANCE("tv_distance"),
    /** KL(p || q). */
    KL_DIVERGENCE("kl_divergence"),
    /** sum of q over the states lost. */
    LOST_MASS("lost_mass"),
    /** max p. */
    MAX_PROBABILITY("max_probability"),
    /** 1 once the chain is absorbed, else 0. */
    ABSORBED("absorbed");

    /** The names, in column order. */
    public static final List<String> NAMES = Arrays.stream(values()).map(CategoricalMetric::label).toList();

    private final String label;

    CategoricalMetric(String label) {
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
