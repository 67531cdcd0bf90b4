package org.modelcollapse.gmm;

import org.modelcollapse.simd.Kernels;
import org.modelcollapse.simd.MixtureKernels;

/**
 * A set of points stored by coordinate ({@link MixtureKernels}' layout) and their responsibilities under
 * a mixture: the E-step of EM, and the log-likelihood of held-out points. Buffers grow with the points
 * and are reused.
 */
final class Responsibilities {
    private final int k;
    private final int d;
    private final int stride;
    private final MixtureKernels kernels = Kernels.mixture();
    private final double[] reciprocal;
    private final double[] scratch;
    /** Coordinate c of point i at {@code c * pitch + i}, padding 0. */
    double[] columns = new double[0];
    /** Component j's responsibility for point i at {@code j * pitch + i} (log-densities while {@link #expect} runs); padding 0. */
    double[] rows = new double[0];
    /** Per point, the largest log-density and the sum of the exponentials ({@link MixtureKernels#normalise}). */
    private double[] totals = new double[0];
    int pitch;
    int count;

    /** @param k the components of the mixtures the points are weighed against */
    Responsibilities(int k, int d, int stride) {
        this.k = k;
        this.d = d;
        this.stride = stride;
        reciprocal = new double[d];
        scratch = new double[2 * d * MixtureKernels.BLOCK];
    }

    /** Takes the n points {@code x[i * stride, i * stride + d)}. */
    void load(double[] x, int n) {
        pitch = MixtureKernels.pitch(n);
        count = n;
        if (rows.length < k * pitch) {
            rows = new double[k * pitch];
            columns = new double[d * pitch];
            totals = new double[2 * pitch];
        }
        for (int c = 0; c < d; c++) {
            for (int i = 0; i < n; i++) {
                columns[c * pitch + i] = x[i * stride + c];
            }
            java.util.Arrays.fill(columns, c * pitch + n, (c + 1) * pitch, 0);
        }
    }

    /**
     * E-step: the responsibilities r_ij = w_j N(x_i; j) / sum_l w_l N(x_i; l) into {@link #rows}, by log-sum-exp;
     * a dead component (weight 0) gets responsibility 0. The model's first {@code k} components are used.
     *
     * @return sum over the points of ln sum_j w_j N(x_i; j)
     */
    double expect(Mixture model) {
        for (int j = 0; j < k; j++) {
            if (model.weights[j] > 0) {
                final double[] u = model.factors[j];
                for (int r = 0; r < d; r++) {
                    reciprocal[r] = 1 / u[r * stride + r];
                }
                kernels.logDensities(columns, pitch, d, u, stride, model.means[j], reciprocal,
                        Math.log(model.weights[j]) + model.logNormaliser[j], scratch, rows, j * pitch);
            } else {
                java.util.Arrays.fill(rows, j * pitch, (j + 1) * pitch, Double.NEGATIVE_INFINITY);
            }
        }
        kernels.normalise(rows, k, pitch, count, totals);
        return kernels.logLikelihood(totals, pitch);
    }
}
