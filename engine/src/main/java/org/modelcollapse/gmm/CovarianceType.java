package org.modelcollapse.gmm;

/** The components' covariance structure, as scikit-learn's {@code covariance_type} names it. */
public enum CovarianceType {
    /** Each component its own covariance matrix. */
    FULL("full"),
    /** Each component its own diagonal covariance. */
    DIAGONAL("diag"),
    /** Each component its own variance, the same in every direction. */
    SPHERICAL("spherical");

    private final String label;

    CovarianceType(String label) {
        this.label = label;
    }

    /** @return the user-facing name */
    public String label() {
        return label;
    }
}
