package org.modelcollapse.gaussian;

import org.modelcollapse.linalg.HouseholderQr;
import org.modelcollapse.process.Regime;
import org.modelcollapse.simd.AffineKernels;
import org.modelcollapse.simd.Kernels;
import org.modelcollapse.simd.NormalKernels;
import org.modelcollapse.simd.UniformKernels;

/**
 * The Gaussian family for the regimes that draw earlier points again — mix with beta &gt; 0 and
 * accumulate-subsample — which therefore keep the points and fit each generation's data by Householder
 * QR of the centred points (samples mode). mix keeps a generation's points relative to the model's mean
 * and in units of its power of two, x = c + 2^e y ({@link Points}), so that a collapsing model (mix
 * without fresh data) keeps its spread far below the rounding step of the mean, as the replace chain
 * does; accumulate-subsample's pool, which keeps the first generations' spread for good, is in absolute
 * coordinates. Buffers grow with the data (accumulate-subsample's pool by M d values per generation)
 * and are reused otherwise.
 */
final class PointFamily extends GaussianFamily {
    /** accumulate-subsample: every point set is in absolute coordinates. */
    private final boolean absolute;
    private final AffineKernels affine = Kernels.affine();
    private final NormalKernels normalKernels = Kernels.normal();
    private final UniformKernels uniformKernels = Kernels.uniform();
    private double[] drawn = new double[0];
    private double[] normals = new double[0];
    private int[] indices = new int[0];
    private final double[] zeros;
    private final double[] offset;

    PointFamily(GaussianSpec spec) {
        super(spec);
        absolute = regime.kind() == Regime.Kind.ACCUMULATE_SUBSAMPLE;
        zeros = new double[stride];
        offset = new double[stride];
    }

    @Override
    public Points newData() {
        return new Points(stride);
    }

    /** D_0's points, in absolute coordinates; they span all d dimensions (checked by the spec). */
    @Override
    public boolean originalData(GaussianData out) {
        if (data == null) {
            return false;
        }
        final Points p = (Points) out;
        p.rows = ensureRows(p.rows, data.count());
        for (int i = 0; i < data.count(); i++) {
            for (int r = 0; r < d; r++) {
                p.rows[i * stride + r] = data.at(i, r);
            }
        }
        p.count = data.count();
        java.util.Arrays.fill(p.center, 0);
        p.exponent = 0;
        p.order = growOrder(p.order, 0, data.count());
        p.spread = true;
        return true;
    }

    /**
     * mix: the first draw into a generation's points sets their frame to the model's mean and power of
     * two. accumulate-subsample: the points join the pool in absolute coordinates, extending its permutation.
     */
    @Override
    public void draw(GaussianModel model, int n, GaussianData out) {
        final Points p = (Points) out;
        final int at = p.size();
        p.rows = ensureRows(p.rows, at + n);
        if (absolute) {
            drawModelPoints(n, model.mu, model.absoluteFactor(), p.rows, at);
            for (int i = at; i < at + n && !p.spread; i++) {
                for (int r = 0; r < d; r++) {
                    p.spread |= p.rows[i * stride + r] != p.rows[r];
                }
            }
            p.order = growOrder(p.order, at, at + n);
        } else {
            if (at == 0) {
                System.arraycopy(model.mu, 0, p.center, 0, d);
                p.exponent = model.clampedExponent();
            }
            drawModelPoints(n, zeros, model.u, p.rows, at);
        }
        p.count = at + n;
    }

    /** Resampled from the user's data, or drawn from N(mu_0, Sigma_0); moved into the frame of {@code out}. */
    @Override
    public void drawOriginal(int n, GaussianData out) {
        final Points p = (Points) out;
        final int at = p.size();
        p.rows = ensureRows(p.rows, at + n);
        drawOriginalPoints(n, p.rows, at);
        relocate(p, at, n, zeros, 0);
        p.count = at + n;
    }

    @Override
    public void resample(GaussianData from, int n, GaussianData out) {
        final Points source = (Points) from;
        final Points p = (Points) out;
        final int at = p.size();
        p.rows = ensureRows(p.rows, at + n);
        resampleRows(n, source.rows, source.size(), p.rows, at);
        relocate(p, at, n, source.center, source.exponent);
        p.count = at + n;
    }

    /**
     * accumulate-subsample (Kazdan et al. 2024): n points drawn without replacement from the pool by a
     * partial Fisher–Yates shuffle of its persistent permutation, O(n) per generation.
     */
    @Override
    public void subsample(GaussianData pool, int n, GaussianData out) {
        final Points source = (Points) pool;
        final Points p = (Points) out;
        p.rows = ensureRows(p.rows, n);
        final int[] order = source.order;
        final int size = source.size();
        for (int i = 0; i < n; i++) {
            final int j = i + rng.nextInt(size - i);
            final int t = order[i];
            order[i] = order[j];
            order[j] = t;
            System.arraycopy(source.rows, order[i] * stride, p.rows, i * stride, stride);
        }
        java.util.Arrays.fill(p.center, 0);
        p.exponent = 0;
        p.count = n;
    }

    /** The points' mean and the QR factor of the centred points, in the points' frame. */
    @Override
    public void fit(GaussianData data, GaussianModel out) {
        final Points p = (Points) data;
        if (absolute) {
            fitPoints(p.rows, p.size(), out.mu, out.u);
        } else {
            fitPoints(p.rows, p.size(), offset, out.u);
            for (int r = 0; r < d; r++) {
                out.mu[r] = p.center[r] + Math.scalb(offset[r], p.exponent);
            }
        }
        finishFit(out, p.count, false, null, p.exponent);
    }

    /**
     * Rows [row, row + k) of p hold points as from + 2^fromExponent y; rewrites them in p's frame:
     * (from - center) 2^-e + 2^(fromExponent - e) y.
     */
    private void relocate(Points p, int row, int k, double[] from, int fromExponent) {
        final int e = p.exponent;
        for (int r = 0; r < d; r++) {
            final double shift = Math.scalb(from[r] - p.center[r], -e);
            for (int i = row; i < row + k; i++) {
                p.rows[i * stride + r] = shift + Math.scalb(p.rows[i * stride + r], fromExponent - e);
            }
        }
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
        final int needed = UniformKernels.padded(k);
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
