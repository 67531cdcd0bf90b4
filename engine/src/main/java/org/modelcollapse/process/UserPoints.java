package org.modelcollapse.process;

/**
 * A user's points as the original data of a chain whose family fits points (mixtures, kernel densities),
 * already split: the training points D_0, to which generation 0's model is fitted (and which the mix
 * regime's fresh share resamples), and the held-out points of the negative log-likelihood.
 *
 * @param training n_0 x dim values, row-major, n_0 &gt;= 2 (copied)
 * @param heldOut h x dim values, row-major, h &gt;= 1 (copied)
 */
public record UserPoints(int dim, double[] training, double[] heldOut) {
    /** Validates and copies. */
    public UserPoints {
        if (dim < 1) {
            throw new IllegalArgumentException("data dimension must be >= 1: " + dim);
        }
        if (training.length % dim != 0 || heldOut.length % dim != 0) {
            throw new IllegalArgumentException("data must hold whole points of " + dim + " coordinates");
        }
        if (training.length < 2 * dim) {
            throw new IllegalArgumentException("data must leave at least 2 training points: " + training.length / dim);
        }
        if (heldOut.length < dim) {
            throw new IllegalArgumentException("data must leave at least 1 held-out point");
        }
        for (double[] points : new double[][] {training, heldOut}) {
            for (int i = 0; i < points.length; i++) {
                if (!Double.isFinite(points[i])) {
                    throw new IllegalArgumentException("data point " + (i / dim + 1) + " coordinate " + (i % dim + 1) + " is not finite: "
                            + points[i]);
                }
            }
        }
        training = training.clone();
        heldOut = heldOut.clone();
    }

    /** @return n_0, the training points */
    public int trainingCount() {
        return training.length / dim;
    }

    /** @return h, the held-out points */
    public int heldOutCount() {
        return heldOut.length / dim;
    }

    @Override
    public double[] training() {
        return training.clone();
    }

    @Override
    public double[] heldOut() {
        return heldOut.clone();
    }
}
