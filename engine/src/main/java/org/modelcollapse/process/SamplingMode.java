package org.modelcollapse.process;

/**
 * How a generation's data is drawn; all modes give the same distribution of every output. What each
 * means per model: {@code DiscreteChain} and {@code GaussianChain} document it.
 */
public enum SamplingMode {
    /** The fit's sufficient statistics drawn directly (SPEC §4): categorical counts, Gaussian mean and scatter. */
    EXACT,
    /** M individual points drawn, then fitted. */
    SAMPLES,
    /** The model's choice: per draw the cheaper of the two (categorical), exact unless the regime needs points (Gaussian). */
    AUTO;

    /** @return the user-facing name */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
