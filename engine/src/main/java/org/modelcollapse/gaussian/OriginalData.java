package org.modelcollapse.gaussian;

/**
 * A user's data set as the original data D_0 of a Gaussian chain: {@code count} points in {@code dim}
 * dimensions, row-major. Its mean and centred scatter (two-pass, so that data far from the origin
 * lose no precision) define the chain's reference N(mu_0, Sigma_0); the points themselves are what
 * the mix regime's fresh share resamples.
 *
 * @param count n_0 &gt;= 2
 * @param points count x dim finite values (copied)
 */
public record OriginalData(int count, int dim, double[] points) {
    /** Validates and copies. */
    public OriginalData {
        if (dim < 1) {
            throw new IllegalArgumentException("data dimension must be >= 1: " + dim);
        }
        if (count < 2) {
            throw new IllegalArgumentException("data must hold at least 2 points: " + count);
        }
        if (points.length != count * dim) {
            throw new IllegalArgumentException("data must hold count x dim = " + count * dim + " values: " + points.length);
        }
        points = points.clone();
        for (int i = 0; i < points.length; i++) {
            if (!Double.isFinite(points[i])) {
                throw new IllegalArgumentException("data point " + (i / dim + 1) + " coordinate " + (i % dim + 1) + " is not finite: " + points[i]);
            }
        }
    }

    @Override
    public double[] points() {
        return points.clone();
    }

    /** @return the value of coordinate j of point i */
    double at(int i, int j) {
        return points[i * dim + j];
    }

    /**
     * Copies points {@code indices[0..k)} less {@code shift} into rows [row, row + k) of {@code dest}
     * (row stride {@code stride}; padding untouched).
     *
     * @param shift at least dim values subtracted from each point, or null for none
     */
    void copyPoints(int[] indices, int k, double[] shift, double[] dest, int row, int stride) {
        for (int i = 0; i < k; i++) {
            final int from = indices[i] * dim;
            final int to = (row + i) * stride;
            for (int r = 0; r < dim; r++) {
                dest[to + r] = points[from + r] - (shift == null ? 0 : shift[r]);
            }
        }
    }

    /** @return the mean of the points */
    public double[] mean() {
        final double[] mean = new double[dim];
        for (int i = 0; i < count; i++) {
            for (int j = 0; j < dim; j++) {
                mean[j] += points[i * dim + j];
            }
        }
        for (int j = 0; j < dim; j++) {
            mean[j] /= count;
        }
        return mean;
    }

    /** @return the centred scatter sum_i (x_i - mean)(x_i - mean)^T, d x d row-major */
    public double[] scatter() {
        final double[] mean = mean();
        final double[] s = new double[dim * dim];
        for (int i = 0; i < count; i++) {
            for (int r = 0; r < dim; r++) {
                final double a = points[i * dim + r] - mean[r];
                for (int c = 0; c < dim; c++) {
                    s[r * dim + c] += a * (points[i * dim + c] - mean[c]);
                }
            }
        }
        return s;
    }
}
