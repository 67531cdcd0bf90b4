package org.modelcollapse.gmm;

/** How EM starts each generation's fit (scikit-learn's {@code init_params}, and warm starts). */
public enum Initialisation {
    /** Responsibilities from the labels of k-means (k-means++ seeding, then Lloyd's iterations): scikit-learn's default. */
    KMEANS("kmeans"),
    /** Responsibility 1 at each of k points chosen by k-means++ seeding, 0 elsewhere. */
    KMEANS_PLUS_PLUS("k-means++"),
    /** Responsibilities uniform on [0, 1), normalised per point. */
    RANDOM("random"),
    /** The previous generation's model (scikit-learn's {@code warm_start}); generation 1 starts by k-means. */
    WARM("warm");

    private final String label;

    Initialisation(String label) {
        this.label = label;
    }

    /** @return the user-facing name */
    public String label() {
        return label;
    }
}
