package org.modelcollapse.regression;

import org.modelcollapse.simd.Kernels;
import org.modelcollapse.simd.LxmLanes;
import org.modelcollapse.simd.NormalKernels;
import org.modelcollapse.simd.UniformKernels;
import org.apache.commons.rng.UniformRandomProvider;

/**
 * The samples path: every row built and labelled, and each fit solved from the rows by QR
 * ({@link LeastSquares}), as the papers' code does with {@code np.linalg.lstsq}. A fixed design is one
 * T x d matrix per replicate: a data set's i-th row is design row i mod T, so mix's model rows come
 * first, its resampled rows (copies of earlier rows with their labels) next, and its fresh rows take the
 * design's remaining rows. Needed for accumulate-subsample, mix with resampling and minimum-norm refits;
 * the reference that {@link StatisticFamily} is tested against.
 */
final class RowFamily extends RegressionFamily {
    private final int width;
    private final LxmLanes lanes = LxmLanes.unseeded();
    private final NormalKernels normalKernels = Kernels.normal();
    private final UniformKernels uniformKernels = Kernels.uniform();
    private final LeastSquares leastSquares;
    /** The fixed design, T x d, or empty for a fresh one. */
    private final double[] design;
    private double[] normals = new double[0];
    private int[] indices = new int[0];

    RowFamily(RegressionSpec spec) {
        super(spec);
        width = d + 1;
        leastSquares = new LeastSquares(d);
        design = new double[spec.design() == Design.FIXED ? spec.samples().sizeAt(0) * d : 0];
    }

    @Override
    public void reset(UniformRandomProvider rng) {
        super.reset(rng);
        lanes.reseed(rng);
    }

    @Override
    void startReplicate() {
        if (design.length == 0) {
            return;
        }
        normals = grown(normals, NormalKernels.padded(design.length));
        normalKernels.fillStandardNormals(lanes, normals, design.length);
        System.arraycopy(normals, 0, design, 0, design.length);
        for (int at = 0; at < design.length; at += d) {
            correlate(design, at);
        }
    }

    /**
     * The rows' features (design rows, or fresh ones x = L z), then each label x^T w + sigma eps: one fill of normals,
     * n (d + 1) of them for fresh rows, n (the noise alone) for design rows.
     */
    @Override
    void addRows(double[] weights, int n, RegressionData out) {
        if (n == 0) {
            return;
        }
        out.reserve(n);
        final int designRows = design.length / d;
        final int perRow = designRows > 0 ? 1 : width;
        normals = grown(normals, NormalKernels.padded(n * perRow));
        normalKernels.fillStandardNormals(lanes, normals, n * perRow);
        final double[] rows = out.rows;
        final int first = out.count;
        for (int i = 0; i < n; i++) {
            final int at = (first + i) * width;
            if (designRows > 0) {
                System.arraycopy(design, (first + i) % designRows * d, rows, at, d);
            } else {
                System.arraycopy(normals, i * width, rows, at, d);
                correlate(rows, at);
            }
            double y = sigma * normals[i * perRow + perRow - 1];
            for (int k = 0; k < d; k++) {
                y += rows[at + k] * weights[k];
            }
            rows[at + d] = y;
        }
        out.count += n;
    }

    @Override
    public void resample(RegressionData from, int n, RegressionData out) {
        if (n == 0) {
            return;
        }
        indices = UniformKernels.padded(n) > indices.length ? new int[UniformKernels.padded(n)] : indices;
        uniformKernels.fillIndices(lanes, indices, n, from.count);
        out.reserve(n);
        for (int i = 0; i < n; i++) {
            System.arraycopy(from.rows, indices[i] * width, out.rows, (out.count + i) * width, width);
        }
        out.count += n;
    }

    /** A partial Fisher–Yates shuffle of the pool's persistent permutation (Kazdan et al. 2024's draw without replacement). */
    @Override
    public void subsample(RegressionData pool, int n, RegressionData out) {
        out.reserve(n);
        pool.extendOrder();
        final int[] order = pool.order;
        for (int i = 0; i < n; i++) {
            final int j = i + rng.nextInt(pool.count - i);
            final int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        // The copies after the shuffle, not inside it: there, each row's cache miss waited for its index's, and the
        // subsample took most of an accumulate-subsample generation (T = 1000, d = 10, a pool of 10^5 rows).
        for (int i = 0; i < n; i++) {
            System.arraycopy(pool.rows, order[i] * width, out.rows, (out.count + i) * width, width);
        }
        out.count += n;
    }

    @Override
    public void fit(RegressionData data, Weights out) {
        out.advance();
        leastSquares.solve(data.rows, data.count, spec.ridge(), spec.minimumNorm(), out.w);
    }

    private static double[] grown(double[] buffer, int size) {
        return buffer.length >= size ? buffer : new double[Math.max(size, 2 * buffer.length)];
    }
}
