package org.modelcollapse.gaussian;

/**
 * Points kept one by one (row stride {@code stride}) as center + 2^exponent y, so that the points of a
 * collapsing model keep their spread far below the rounding step of its mean; the accumulate-subsample
 * pool is in absolute coordinates (center 0, exponent 0) and carries the permutation its draws without
 * replacement shuffle.
 */
final class Points extends GaussianData {
    double[] rows = new double[0];
    final double[] center;
    int exponent;
    /** Whether two different points have been added (the accumulate-subsample pool can absorb only if not). */
    boolean spread;
    int[] order = new int[0];

    Points(int stride) {
        center = new double[stride];
    }

    @Override
    public void clear() {
        count = 0;
        spread = false;
    }

    @Override
    boolean hasSpread() {
        return spread;
    }

    /** @return the number of points, an int (points are kept in arrays) */
    int size() {
        return (int) count;
    }
}
