package org.modelcollapse.regression;

import java.util.Arrays;
import org.modelcollapse.process.DataSummary;
import org.modelcollapse.simd.NormalKernels;

/**
 * A regression chain's data: in exact mode the least-squares statistics X^T y and X^T X (the latter
 * only with a fresh design: a fixed design's is count / T times the replicate's own), in samples mode
 * the rows themselves, row i at {@code [i width, i width + d)} with its label at {@code i width + d};
 * the accumulate-subsample pool also keeps the permutation that its draws without replacement shuffle.
 */
final class RegressionData implements DataSummary {
    final int d;
    /** Numbers per row: d features and the label. */
    final int width;
    /** Rows so far. */
    int count;
    final double[] xty;
    /** d x d row-major. */
    final double[] gram;
    double[] rows = new double[0];
    /** A permutation of the rows [0, ordered), which draws without replacement shuffle; rows beyond join it in order. */
    int[] order = new int[0];
    private int ordered;

    RegressionData(int d) {
        this.d = d;
        width = d + 1;
        xty = new double[d];
        gram = new double[d * d];
    }

    @Override
    public void clear() {
        count = 0;
        ordered = 0;
        Arrays.fill(xty, 0);
        Arrays.fill(gram, 0);
    }

    /** Makes room for {@code more} rows after the current ones (padded for the normal kernels). */
    void reserve(int more) {
        final int needed = NormalKernels.padded((count + more) * width);
        if (rows.length < needed) {
            rows = Arrays.copyOf(rows, Math.max(needed, 2 * rows.length));
        }
    }

    /** Extends the permutation by the identity to every row (only a pool drawn without replacement needs it). */
    void extendOrder() {
        if (order.length < count) {
            order = Arrays.copyOf(order, Math.max(count, 2 * order.length));
        }
        for (int i = ordered; i < count; i++) {
            order[i] = i;
        }
        ordered = count;
    }
}
