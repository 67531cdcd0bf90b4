package org.modelcollapse.kde;

/**
 * A generation's model: the Gaussian KDE f(x) = (1/n) sum_j N(x; c_j, h^2 I) on the n points the
 * generation's fit saw (a reference to that data, which the chain leaves unchanged until the next fit;
 * the count is kept because an accumulating pool grows while the model is drawn from), or, at generation
 * 0 of an original distribution, that distribution itself.
 */
final class KernelDensity {
    /** True for the original mixture (generation 0 without data). */
    boolean original;
    /** The centres, the first {@link #count} points; null for the original. */
    KdePoints centres;
    int count;
    double bandwidth;

    /** Makes this the KDE on the first {@code n} points of {@code data} with bandwidth h. */
    void set(KdePoints data, int n, double h) {
        original = false;
        centres = data;
        count = n;
        bandwidth = h;
    }

    /** Makes this the original mixture. */
    void setOriginal() {
        original = true;
        centres = null;
        count = 0;
        bandwidth = Double.NaN;
    }
}
