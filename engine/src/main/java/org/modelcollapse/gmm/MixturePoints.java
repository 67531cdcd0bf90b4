package org.modelcollapse.gmm;

import org.modelcollapse.process.DataSummary;
import org.modelcollapse.process.UserPoints;
import org.modelcollapse.simd.NormalKernels;

/**
 * A mixture chain's data: the points themselves (EM needs every point), point i at
 * {@code [i stride, i stride + d)}; the accumulate-subsample pool also keeps the permutation that its
 * draws without replacement shuffle. Buffers grow by doubling and are reused.
 */
final class MixturePoints implements DataSummary {
    final int d;
    final int stride;
    double[] rows = new double[0];
    int count;
    int[] order = new int[0];

    MixturePoints(int d, int stride) {
        this.d = d;
        this.stride = stride;
    }

    @Override
    public void clear() {
        count = 0;
    }

    /** Makes room for {@code more} points after the current ones (padded for the normal kernels). */
    void reserve(int more) {
        final int needed = NormalKernels.padded((count + more) * stride);
        if (rows.length < needed) {
            rows = java.util.Arrays.copyOf(rows, Math.max(needed, 2 * rows.length));
        }
    }

    /** Extends the pool's permutation by the identity on points [from, to). */
    void extendOrder(int from, int to) {
        if (order.length < to) {
            order = java.util.Arrays.copyOf(order, Math.max(to, 2 * order.length));
        }
        for (int i = from; i < to; i++) {
            order[i] = i;
        }
    }

    /** Replaces the points by the user's training (or held-out) points. */
    void load(UserPoints data, boolean held) {
        final double[] from = held ? data.heldOut() : data.training();
        final int n = from.length / d;
        clear();
        reserve(n);
        for (int i = 0; i < n; i++) {
            System.arraycopy(from, i * d, rows, i * stride, d);
        }
        extendOrder(0, n);
        count = n;
    }

    /** @return true if two of the points differ */
    boolean hasSpread() {
        for (int i = 1; i < count; i++) {
            for (int r = 0; r < d; r++) {
                if (rows[i * stride + r] != rows[r]) {
                    return true;
                }
            }
        }
        return false;
    }
}
