package org.modelcollapse.kde;

import org.apache.commons.rng.UniformRandomProvider;
import org.modelcollapse.random.MultinomialSampler;
import org.modelcollapse.simd.AffineKernels;
import org.modelcollapse.simd.Kernels;
import org.modelcollapse.simd.LxmLanes;
import org.modelcollapse.simd.NormalKernels;
import org.modelcollapse.simd.UniformKernels;

/**
 * The draws of a KDE chain, exact in distribution: from a KDE a centre picked uniformly plus h N(0, I)
 * (Kazdan et al. 2024); from the original mixture multinomial component counts, then each component's
 * points mu_j + L_j z in component order; with replacement from data by uniform indices; without
 * replacement by a partial Fisher–Yates shuffle of the pool's persistent permutation. Owns its buffers
 * (grown, never shrunk) and is rebound to a replicate's stream by {@link #reset}.
 */
final class KdeSampler {
    private final int d;
    private final LxmLanes lanes = LxmLanes.unseeded();
    private final AffineKernels affine = Kernels.affine();
    private final NormalKernels normalKernels = Kernels.normal();
    private final UniformKernels uniformKernels = Kernels.uniform();
    private UniformRandomProvider rng;
    private MultinomialSampler multinomial;
    private int[] ids = new int[0];
    private int[] counts = new int[0];
    private double[] normals = new double[0];
    private double[] drawn = new double[0];
    private int[] indices = new int[0];

    KdeSampler(int d) {
        this.d = d;
    }

    void reset(UniformRandomProvider source) {
        rng = source;
        multinomial = MultinomialSampler.of(source);
        lanes.reseed(source);
    }

    /** Adds n points of the KDE: x = c_J + h z, J uniform on the model's centres, z standard normal. */
    void draw(KernelDensity model, int n, KdePoints out) {
        if (n == 0) {
            return;
        }
        fillIndices(n, model.count);
        normals = grown(normals, NormalKernels.padded(n * d));
        normalKernels.fillStandardNormals(lanes, normals, n * d);
        // Reserve first: out may be the model's own pool (accumulate), whose buffer may move; centres below count stay put.
        out.reserve(n);
        final double[] centres = model.centres.rows;
        final double h = model.bandwidth;
        final int at = out.count * d;
        for (int i = 0; i < n; i++) {
            final int c = indices[i] * d;
            for (int r = 0; r < d; r++) {
                out.rows[at + i * d + r] = Math.fma(h, normals[i * d + r], centres[c + r]);
            }
        }
        added(out, n);
    }

    /** Adds n points of the mixture, as scikit-learn's {@code GaussianMixture.sample} orders them. */
    void draw(OriginalMixture mixture, int n, KdePoints out) {
        if (n == 0) {
            return;
        }
        if (ids.length < mixture.k) {
            ids = new int[mixture.k];
            counts = new int[mixture.k];
        }
        int alive = 0;
        double total = 0;
        for (int j = 0; j < mixture.k; j++) {
            if (mixture.weights[j] > 0) {
                ids[alive++] = j;
                total += mixture.weights[j];
            }
        }
        multinomial.sample(n, ids, alive, mixture.weights, total, counts);
        out.reserve(n);
        final int stride = mixture.stride;
        for (int a = 0; a < alive; a++) {
            final int c = counts[a];
            if (c == 0) {
                continue;
            }
            normals = grown(normals, NormalKernels.padded(c * stride));
            drawn = grown(drawn, c * stride);
            normalKernels.fillStandardNormals(lanes, normals, c * stride);
            affine.apply(normals, c, d, stride, mixture.factors[ids[a]], mixture.means[ids[a]], drawn);
            for (int i = 0; i < c; i++) {
                System.arraycopy(drawn, i * stride, out.rows, (out.count + i) * d, d);
            }
            added(out, c);
        }
    }

    /** Adds n points drawn with replacement from {@code from}. */
    void resample(KdePoints from, int n, KdePoints out) {
        if (n == 0) {
            return;
        }
        fillIndices(n, from.count);
        out.reserve(n);
        for (int i = 0; i < n; i++) {
            System.arraycopy(from.rows, indices[i] * d, out.rows, (out.count + i) * d, d);
        }
        added(out, n);
    }

    /** Adds n points drawn without replacement from {@code pool}, shuffling its permutation's first n entries. */
    void subsample(KdePoints pool, int n, KdePoints out) {
        out.reserve(n);
        final int[] order = pool.order;
        for (int i = 0; i < n; i++) {
            final int j = i + rng.nextInt(pool.count - i);
            final int t = order[i];
            order[i] = order[j];
            order[j] = t;
            System.arraycopy(pool.rows, order[i] * d, out.rows, (out.count + i) * d, d);
        }
        added(out, n);
    }

    private void fillIndices(int n, int bound) {
        if (indices.length < UniformKernels.padded(n)) {
            indices = new int[Math.max(UniformKernels.padded(n), 2 * indices.length)];
        }
        uniformKernels.fillIndices(lanes, indices, n, bound);
    }

    private static void added(KdePoints out, int n) {
        out.extendOrder(out.count, out.count + n);
        out.count += n;
    }

    private static double[] grown(double[] buffer, int size) {
        return buffer.length >= size ? buffer : new double[Math.max(size, 2 * buffer.length)];
    }
}
