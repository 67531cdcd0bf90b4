package org.modelcollapse.gaussian;

import org.apache.commons.rng.UniformRandomProvider;
import org.modelcollapse.process.Regime;
import org.modelcollapse.simd.AffineKernels;
import org.modelcollapse.simd.Kernels;
import org.modelcollapse.simd.LxmLanes;
import org.modelcollapse.simd.NormalKernels;
import org.modelcollapse.simd.UniformKernels;

/**
 * The Gaussian chain's regimes that draw earlier points again — mix with beta &gt; 0 and
 * accumulate-subsample — which therefore keep the points (row stride {@code stride}) and fit each
 * generation's data by Householder QR of the centred points. mix keeps a generation's points relative
 * to the model's mean and in units of its power of two, x = c + 2^e y, so that a collapsing model (mix
 * without fresh data) keeps its spread far below the rounding step of the mean, as the replace chain
 * does; accumulate-subsample's pool, which keeps the first generations' spread for good, is in absolute
 * coordinates. Buffers grow with the data (accumulate-subsample's pool by M d values per generation)
 * and are reused otherwise.
 */
final class PointRegime {
    private final Regime regime;
    private final int d;
    private final int stride;
    private final OriginalData data;
    private final double[] mu0;
    private final double[] u0;
    private final LxmLanes lanes;
    private final AffineKernels affine = Kernels.affine();
    private final NormalKernels normalKernels = Kernels.normal();
    private final UniformKernels uniformKernels = Kernels.uniform();
    private double[] previous = new double[0];
    private int previousCount;
    private double[] assembled = new double[0];
    private double[] drawn = new double[0];
    private double[] normals = new double[0];
    private double[] pooled = new double[0];
    private int pooledCount;
    /** Whether the pool holds two different points (accumulate-subsample can absorb only if not). */
    private boolean pooledSpread;
    private int[] order = new int[0];
    private int[] indices = new int[0];
    private final double[] zeros;
    /** mix: this generation's points are center + 2^exponent y. */
    private final double[] center;
    private final double[] offset;
    private double[] previousCenter;
    private int previousExponent;
    private int exponent;

    /**
     * @param data the user's points as D_0, or null (D_0 = N(mu0, u0^T u0))
     * @param lanes the chain's lanes, reseeded by the chain per replicate
     */
    PointRegime(Regime regime, int d, int stride, OriginalData data, double[] mu0, double[] u0, LxmLanes lanes) {
        this.regime = regime;
        this.d = d;
        this.stride = stride;
        this.data = data;
        this.mu0 = mu0;
        this.u0 = u0;
        this.lanes = lanes;
        this.zeros = new double[stride];
        this.center = new double[stride];
        this.offset = new double[stride];
        this.previousCenter = new double[stride];
    }

    /** Back to generation 0: with user data, D_0's points are the first data set to resample and the pool's first points. */
    void restart() {
        previousCount = 0;
        pooledCount = 0;
        pooledSpread = false;
        java.util.Arrays.fill(previousCenter, 0);
        previousExponent = 0;
        exponent = 0;
        if (data != null) {
            previous = ensureRows(previous, data.count());
            pooled = ensureRows(pooled, data.count());
            for (int i = 0; i < data.count(); i++) {
                for (int r = 0; r < d; r++) {
                    previous[i * stride + r] = data.at(i, r);
                    pooled[i * stride + r] = data.at(i, r);
                }
            }
            previousCount = data.count();
            pooledCount = data.count();
            order = growOrder(order, 0, pooledCount);
            pooledSpread = true; // the points span all d dimensions (checked by the spec)
        }
    }

    /**
     * One generation from the model N(mu, 4^e u^T u): assembles the data set, then writes its mean into
     * {@code mu} and the QR factor of its centred points into {@code uOut} (unscaled), in units of
     * 2^{@link #exponent()}.
     *
     * @param e the model factor's binary exponent (accumulate-subsample: 0, with u in absolute scale)
     * @return the number of points fitted
     */
    int step(int m, double[] mu, double[] u, int e, double[] uOut, UniformRandomProvider rng) {
        if (regime.kind() == Regime.Kind.ACCUMULATE_SUBSAMPLE) {
            exponent = 0;
            return subsample(m, mu, u, uOut, rng);
        }
        return mix(m, mu, u, e, uOut);
    }

    /** @return the binary exponent of the last step's factor */
    int exponent() {
        return exponent;
    }

    /**
     * mix with beta &gt; 0, on points: alpha M from the model, beta M resampled (with replacement) from the
     * previous generation's data (in the first generation: from the original distribution, as in the
     * categorical chain), the rest fresh from the original; fitted by {@link #fitPoints}.
     *
     * @return the points fitted
     */
    private int mix(int m, double[] mu, double[] u, int e, double[] uOut) {
        final int fromModel = regime.modelPoints(m);
        final int resampled = regime.resampledPoints(m);
        final int fromOriginal = regime.freshPoints(m);
        System.arraycopy(mu, 0, center, 0, d);
        assembled = ensureRows(assembled, m);
        drawModelPoints(fromModel, zeros, u, assembled, 0);
        if (previousCount > 0) {
            resampleRows(resampled, previous, previousCount, assembled, fromModel);
            relocate(assembled, fromModel, resampled, previousCenter, previousExponent, e);
        } else {
            drawOriginalPoints(resampled, assembled, fromModel);
            relocate(assembled, fromModel, resampled, zeros, 0, e);
        }
        drawOriginalPoints(fromOriginal, assembled, fromModel + resampled);
        relocate(assembled, fromModel + resampled, fromOriginal, zeros, 0, e);
        fitPoints(assembled, m, offset, uOut);
        for (int r = 0; r < d; r++) {
            mu[r] = center[r] + Math.scalb(offset[r], e);
        }
        final double[] t = previous;
        previous = assembled;
        assembled = t;
        previousCount = m;
        System.arraycopy(center, 0, previousCenter, 0, d);
        previousExponent = e;
        exponent = e;
        return m;
    }

    /**
     * Rows [row, row + k) hold points as from + 2^fromExponent y; rewrites them relative to this
     * generation's center and exponent: (from - center) 2^-e + 2^(fromExponent - e) y.
     */
    private void relocate(double[] rows, int row, int k, double[] from, int fromExponent, int e) {
        for (int r = 0; r < d; r++) {
            final double shift = Math.scalb(from[r] - center[r], -e);
            for (int i = row; i < row + k; i++) {
                rows[i * stride + r] = shift + Math.scalb(rows[i * stride + r], fromExponent - e);
            }
        }
    }

    /**
     * accumulate-subsample (Kazdan et al. 2024): M model points join the pool of every point so far,
     * then M points drawn without replacement from the pool (a partial Fisher–Yates shuffle of a
     * persistent permutation: O(M) per generation) are fitted. The pool's memory grows by M d per generation.
     *
     * @return the points fitted
     */
    private int subsample(int m, double[] mu, double[] u, double[] uOut, UniformRandomProvider rng) {
        pooled = ensureRows(pooled, pooledCount + m);
        drawModelPoints(m, mu, u, pooled, pooledCount);
        for (int i = pooledCount; i < pooledCount + m && !pooledSpread; i++) {
            for (int r = 0; r < d; r++) {
                pooledSpread |= pooled[i * stride + r] != pooled[r];
            }
        }
        order = growOrder(order, pooledCount, pooledCount + m);
        pooledCount += m;
        assembled = ensureRows(assembled, m);
        for (int i = 0; i < m; i++) {
            final int j = i + rng.nextInt(pooledCount - i);
            final int t = order[i];
            order[i] = order[j];
            order[j] = t;
            System.arraycopy(pooled, order[i] * stride, assembled, i * stride, stride);
        }
        fitPoints(assembled, m, mu, uOut);
        return m;
    }

    /** @return true if the accumulate-subsample pool holds two different points */
    boolean poolHasSpread() {
        return pooledSpread;
    }

    /** k points from the model N(mean, U^T U) into rows [row, row + k) of {@code dest}. */
    private void drawModelPoints(int k, double[] mean, double[] upper, double[] dest, int row) {
        if (k == 0) {
            return;
        }
        normals = ensureRows(normals, k);
        drawn = ensureRows(drawn, k);
        normalKernels.fillStandardNormals(lanes, normals, k * stride);
        affine.apply(normals, k, d, stride, upper, mean, drawn);
        System.arraycopy(drawn, 0, dest, row * stride, k * stride);
    }

    /** k points from the original distribution: resampled from the user's data, or drawn from N(mu_0, Sigma_0). */
    private void drawOriginalPoints(int k, double[] dest, int row) {
        if (data == null) {
            drawModelPoints(k, mu0, u0, dest, row);
            return;
        }
        if (k == 0) {
            return;
        }
        indices = growIndices(indices, k);
        uniformKernels.fillIndices(lanes, indices, k, data.count());
        data.copyPoints(indices, k, null, dest, row, stride);
    }

    /** k rows drawn with replacement from the first {@code count} rows of {@code source}. */
    private void resampleRows(int k, double[] source, int count, double[] dest, int row) {
        if (k == 0) {
            return;
        }
        indices = growIndices(indices, k);
        uniformKernels.fillIndices(lanes, indices, k, count);
        for (int i = 0; i < k; i++) {
            System.arraycopy(source, indices[i] * stride, dest, (row + i) * stride, stride);
        }
    }

    /**
     * Fits the n points in {@code x}: mu = their mean, and into uOut R, the QR factor of
     * the centred points (Householder; R^T R = scatter without forming the scatter), rank min(d, n - 1).
     * accumulate-subsample's pool is in absolute coordinates, so there a spread below ~1e-16 of |mu| is
     * lost to rounding (its pool keeps the first generations' spread: it does not collapse that far).
     */
    private void fitPoints(double[] x, int n, double[] mu, double[] uOut) {
        for (int r = 0; r < d; r++) {
            double total = 0;
            for (int i = 0; i < n; i++) {
                total += x[i * stride + r];
            }
            mu[r] = total / n;
        }
        drawn = ensureRows(drawn, n);
        for (int i = 0; i < n; i++) {
            for (int r = 0; r < d; r++) {
                drawn[i * stride + r] = x[i * stride + r] - mu[r];
            }
        }
        HouseholderQr.factorR(drawn, n, d, stride, Math.min(d, n - 1), uOut);
    }

    /** @return {@code buffer} if it holds {@code rows} padded rows, else a larger copy (growth only) */
    private double[] ensureRows(double[] buffer, int rows) {
        final int needed = NormalKernels.padded(rows * stride);
        return buffer.length >= needed ? buffer : java.util.Arrays.copyOf(buffer, Math.max(needed, 2 * buffer.length));
    }

    private static int[] growIndices(int[] buffer, int k) {
        final int needed = org.modelcollapse.simd.UniformKernels.padded(k);
        return buffer.length >= needed ? buffer : new int[needed];
    }

    /** @return the permutation of 0..from-1 extended to 0..to-1 by the identity on the new entries */
    private static int[] growOrder(int[] order, int from, int to) {
        final int[] grown = order.length >= to ? order : java.util.Arrays.copyOf(order, Math.max(to, 2 * order.length));
        for (int i = from; i < to; i++) {
            grown[i] = i;
        }
        return grown;
    }
}
