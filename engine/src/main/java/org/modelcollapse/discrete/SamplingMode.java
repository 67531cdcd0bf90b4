package org.modelcollapse.discrete;

/** How a generation's data is drawn; all modes give the same distribution of every output. */
public enum SamplingMode {
    /** Counts drawn directly: Multinomial(M, p) by conditional binomials (SPEC §4), O(alive states). */
    EXACT,
    /** M individual draws (vectorised uniforms), then counting: O(M). */
    SAMPLES,
    /** Whichever of the two is cheaper for the current alive states and M, decided every draw. */
    AUTO;

    /** @return the user-facing name */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
