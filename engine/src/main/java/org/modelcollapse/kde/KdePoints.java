package org.modelcollapse.kde;

import java.util.Arrays;
import org.modelcollapse.process.DataSummary;
import org.modelcollapse.process.UserPoints;

/**
 * A KDE chain's data: the points themselves (they are the next model's centres), point i at
 * {@code rows[i d, (i + 1) d)}; the accumulate-subsample pool also keeps the permutation that its draws
 * without replacement shuffle. Buffers grow by doubling and are reused.
 */
final class KdePoints implements DataSummary {
    final int d;
    double[] rows = new double[0];
    int count;
    int[] order = new int[0];

    KdePoints(int d) {
        this.d = d;
    }

    @Override
    public void clear() {
        count = 0;
    }

    /** Makes room for {@code more} points after the current ones. */
    void reserve(int more) {
        final int needed = (count + more) * d;
        if (rows.length < needed) {
            rows = Arrays.copyOf(rows, Math.max(needed, 2 * rows.length));
        }
    }

    /** Replaces the points by the user's training (or held-out) points. */
    void load(UserPoints data, boolean held) {
        final double[] from = held ? data.heldOut() : data.training();
        final int n = from.length / d;
        clear();
        reserve(n);
        System.arraycopy(from, 0, rows, 0, from.length);
        extendOrder(0, n);
        count = n;
    }

    /** Extends the pool's permutation by the identity on points [from, to). */
    void extendOrder(int from, int to) {
        if (order.length < to) {
            order = Arrays.copyOf(order, Math.max(to, 2 * order.length));
        }
        for (int i = from; i < to; i++) {
            order[i] = i;
        }
    }

    /** @return true if two of the first {@code n} points differ */
    boolean hasSpread(int n) {
        for (int i = d; i < n * d; i++) {
            if (rows[i] != rows[i % d]) {
                return true;
            }
        }
        return false;
    }

    /** @param mean Modified: the mean of the first {@code n} points, d values */
    void mean(int n, double[] mean) {
        Arrays.fill(mean, 0, d, 0);
        for (int i = 0; i < n; i++) {
            for (int r = 0; r < d; r++) {
                mean[r] += rows[i * d + r];
            }
        }
        for (int r = 0; r < d; r++) {
            mean[r] /= n;
        }
    }

    /**
     * @param mean the mean of the first {@code n} points, as {@link #mean} gives it
     * @return the sum over points and coordinates of (x_ir - mean_r)^2, two-pass (the mean is subtracted first)
     */
    double squaredDeviations(int n, double[] mean) {
        double ss = 0;
        for (int i = 0; i < n; i++) {
            for (int r = 0; r < d; r++) {
                final double v = rows[i * d + r] - mean[r];
                ss += v * v;
            }
        }
        return ss;
    }
}
