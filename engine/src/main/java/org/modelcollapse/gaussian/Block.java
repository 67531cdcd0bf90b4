package org.modelcollapse.gaussian;

/**
 * Points from one or more Gaussians kept as their sufficient statistics: count, mean and an upper
 * factor R of the centred scatter (R^T R = S; in replace, in units of the model's power of two).
 */
final class Block extends GaussianData {
    final double[] mean;
    /** Exchanged with the model's factor by a replace fit, which then needs no copy. */
    double[] factor;

    Block(int d, int stride) {
        mean = new double[stride];
        factor = new double[d * stride];
    }

    @Override
    public void clear() {
        count = 0;
    }

    @Override
    boolean hasSpread() {
        for (double v : factor) {
            if (v != 0) {
                return true;
            }
        }
        return false;
    }
}
