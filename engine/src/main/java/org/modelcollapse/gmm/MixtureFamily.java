package org.modelcollapse.gmm;

import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.modelcollapse.process.ModelFamily;
import org.modelcollapse.random.MultinomialSampler;
import org.modelcollapse.simd.AffineKernels;
import org.modelcollapse.simd.Kernels;
import org.modelcollapse.simd.LxmLanes;
import org.modelcollapse.simd.NormalKernels;
import org.modelcollapse.simd.UniformKernels;

/**
 * The Gaussian-mixture family: data are points, drawn from a mixture as scikit-learn's
 * {@code GaussianMixture.sample} draws them (multinomial component counts, then each component's
 * points, mu_j + L_j z), fitted by EM ({@link ExpectationMaximisation}) and measured by
 * {@link MixtureMetrics}. Each replicate draws its own held-out original points, at generation 0.
 */
final class MixtureFamily implements ModelFamily<Mixture, MixturePoints> {
    private final MixtureSpec spec;
    private final int d;
    private final int capacity;
    private final Mixture original;
    /** Generation 1's fit, once made. */
    private final Mixture first;
    private boolean firstFitted;
    private final ExpectationMaximisation em;
    private final MixtureMetrics metrics;
    private final List<String> names;
    private final MixturePoints heldOut;
    /** The user's training points, or null when the original is a mixture. */
    private final MixturePoints trainingData;
    /** The held-out points again, by coordinate, for their log-likelihood. */
    private final Responsibilities heldOutColumns;
    private final LxmLanes lanes = LxmLanes.unseeded();
    private final AffineKernels affine = Kernels.affine();
    private final NormalKernels normalKernels = Kernels.normal();
    private final UniformKernels uniformKernels = Kernels.uniform();
    private UniformRandomProvider rng;
    private MultinomialSampler multinomial;
    private final int[] ids;
    private final int[] counts;
    private double[] normals = new double[0];
    private double[] drawn = new double[0];
    private int[] indices = new int[0];

    MixtureFamily(MixtureSpec spec) {
        this.spec = spec;
        d = spec.dim();
        capacity = Math.max(spec.components(), spec.originalComponents());
        original = new Mixture(capacity, d);
        final int stride = original.stride;
        final double[] covariance = new double[d * stride];
        for (int j = 0; j < spec.originalComponents(); j++) {
            original.weights[j] = spec.weights()[j];
            System.arraycopy(spec.means(), j * d, original.means[j], 0, d);
            for (int r = 0; r < d; r++) {
                System.arraycopy(spec.covariances(), j * d * d + r * d, covariance, r * stride, d);
            }
            original.factorCovariance(j, covariance);
        }
        first = new Mixture(capacity, d);
        em = new ExpectationMaximisation(spec);
        metrics = new MixtureMetrics(d, stride, capacity);
        names = MixtureMetrics.names(capacity);
        heldOut = new MixturePoints(d, stride);
        heldOutColumns = new Responsibilities(capacity, d, stride);
        if (spec.data() == null) {
            trainingData = null;
        } else {
            trainingData = new MixturePoints(d, stride);
            trainingData.load(spec.data(), false);
            heldOut.load(spec.data(), true);
            heldOutColumns.load(heldOut.rows, heldOut.count);
        }
        ids = new int[capacity];
        counts = new int[capacity];
    }

    @Override
    public List<String> metricNames() {
        return names;
    }

    @Override
    public Mixture newModel() {
        return new Mixture(capacity, d);
    }

    @Override
    public MixturePoints newData() {
        return new MixturePoints(d, original.stride);
    }

    @Override
    public void reset(UniformRandomProvider rng) {
        this.rng = rng;
        multinomial = MultinomialSampler.of(rng);
        lanes.reseed(rng);
    }

    /**
     * p_0, and (a replicate's first random numbers) its held-out original points; with the user's points,
     * p_0 is the replicate's EM fit to them (generation 0 and generation 1 alike) and the held-out points are theirs.
     */
    @Override
    public void original(Mixture out) {
        if (trainingData != null) {
            original.iterations = 0;
            em.fit(trainingData.rows, trainingData.count, original, rng);
            out.copyFrom(original);
            first.copyFrom(original);
            firstFitted = true;
            return;
        }
        out.copyFrom(original);
        out.iterations = 0;
        firstFitted = false;
        heldOut.clear();
        draw(original, spec.heldOut(), heldOut);
        heldOutColumns.load(heldOut.rows, heldOut.count);
    }

    /** The user's training points, if they are the original. */
    @Override
    public boolean originalData(MixturePoints out) {
        if (trainingData == null) {
            return false;
        }
        out.load(spec.data(), false);
        return true;
    }

    /** Multinomial counts over the alive components, then each component's points in component order. */
    @Override
    public void draw(Mixture model, int n, MixturePoints out) {
        if (n == 0) {
            return;
        }
        int alive = 0;
        double total = 0;
        for (int j = 0; j < model.k; j++) {
            if (model.weights[j] > 0) {
                ids[alive++] = j;
                total += model.weights[j];
            }
        }
        multinomial.sample(n, ids, alive, model.weights, total, counts);
        out.reserve(n);
        final int stride = model.stride;
        for (int a = 0; a < alive; a++) {
            final int c = counts[a];
            if (c == 0) {
                continue;
            }
            final int j = ids[a];
            normals = grown(normals, NormalKernels.padded(c * stride));
            drawn = grown(drawn, c * stride);
            normalKernels.fillStandardNormals(lanes, normals, c * stride);
            affine.apply(normals, c, d, stride, model.factors[j], model.means[j], drawn);
            System.arraycopy(drawn, 0, out.rows, out.count * stride, c * stride);
            out.extendOrder(out.count, out.count + c);
            out.count += c;
        }
    }

    /** From p_0, or with the user's points, n of them drawn with replacement. */
    @Override
    public void drawOriginal(int n, MixturePoints out) {
        if (trainingData != null) {
            resample(trainingData, n, out);
        } else {
            draw(original, n, out);
        }
    }

    @Override
    public void resample(MixturePoints from, int n, MixturePoints out) {
        if (n == 0) {
            return;
        }
        indices = UniformKernels.padded(n) > indices.length ? new int[UniformKernels.padded(n)] : indices;
        uniformKernels.fillIndices(lanes, indices, n, from.count);
        out.reserve(n);
        final int stride = from.stride;
        for (int i = 0; i < n; i++) {
            System.arraycopy(from.rows, indices[i] * stride, out.rows, (out.count + i) * stride, stride);
        }
        out.extendOrder(out.count, out.count + n);
        out.count += n;
    }

    /** A partial Fisher–Yates shuffle of the pool's persistent permutation (Kazdan et al. 2024's draw without replacement). */
    @Override
    public void subsample(MixturePoints pool, int n, MixturePoints out) {
        out.reserve(n);
        final int stride = pool.stride;
        final int[] order = pool.order;
        for (int i = 0; i < n; i++) {
            final int j = i + rng.nextInt(pool.count - i);
            final int t = order[i];
            order[i] = order[j];
            order[j] = t;
            System.arraycopy(pool.rows, order[i] * stride, out.rows, (out.count + i) * stride, stride);
        }
        out.extendOrder(out.count, out.count + n);
        out.count += n;
    }

    @Override
    public void fit(MixturePoints data, Mixture out) {
        em.fit(data.rows, data.count, out, rng);
        if (!firstFitted) {
            first.copyFrom(out);
            firstFitted = true;
        }
    }

    @Override
    public void measure(Mixture model, boolean absorbed, double[] out) {
        metrics.measure(model, original, firstFitted ? first : null, heldOutColumns, firstFitted, out);
    }

    /** A point mass, and for the accumulating regimes a pool of one point repeated. */
    @Override
    public boolean absorbing(Mixture model, MixturePoints pool) {
        return model.pointMass() && (pool == null || !pool.hasSpread());
    }

    private static double[] grown(double[] buffer, int size) {
        return buffer.length >= size ? buffer : new double[Math.max(size, 2 * buffer.length)];
    }
}
