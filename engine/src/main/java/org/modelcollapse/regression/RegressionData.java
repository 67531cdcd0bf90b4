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
    int[] order = new int[0];

    RegressionData(int d) {
        this.d = d;
        width = d + 1;
        xty = new double[d];
        gram = new double[d * d];
    }

    @Override
    public void clear() {
        count = 0;
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

    /** Extends the pool's permutation by the identity on rows [from, to). */
    void extendOrder(int from, int to) {
        if (order.length < to) {
            order = Arrays.copyOf(order, Math.max(to, 2 * order.length));
        }
        for (int i = from; i < to; i++) {
            order[i] = i;
        }
    }
}
