package org.modelcollapse.regression;

/** How the rows of a regression chain's design are drawn across generations. */
public enum Design {
    /** One design X per replicate, the same every generation (Gerstgrasser et al. 2024's and Kazdan et al. 2024's default). */
    FIXED,
    /** A new design, rows x ~ N(0, Sigma_x), every generation. */
    FRESH;

    /** @return the user-facing name */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
