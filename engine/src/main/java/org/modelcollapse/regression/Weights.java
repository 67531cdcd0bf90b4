package org.modelcollapse.regression;

/** A regression chain's model: the fitted weights, and the previous generation's for the step metric. */
final class Weights {
    final double[] w;
    final double[] previous;

    Weights(int d) {
        w = new double[d];
        previous = new double[d];
    }

    /** Sets both the weights and the previous weights to {@code values}: a model without a step. */
    void start(double[] values) {
        System.arraycopy(values, 0, w, 0, w.length);
        System.arraycopy(values, 0, previous, 0, w.length);
    }

    /** Keeps the current weights as the previous ones, before a refit writes {@link #w}. */
    void advance() {
        System.arraycopy(w, 0, previous, 0, w.length);
    }
}
