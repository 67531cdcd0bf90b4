package org.modelcollapse.kde;

import java.util.BitSet;
import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.modelcollapse.process.ModelFamily;

/**
 * The kernel-density family (Kazdan et al. 2024, arXiv 2410.16713): data are points, the fit is the
 * Gaussian KDE on them with the spec's bandwidth (fixed, or by {@link BandwidthRule} from the fitted
 * points), draws are exact ({@link KdeSampler}), metrics by {@link KdeMetrics}. Each replicate draws its
 * own held-out original points from p_0, at generation 0, from the same distribution as the training
 * data; with the user's points the held-out points are theirs.
 */
final class KdeFamily implements ModelFamily<KernelDensity, KdePoints> {
    private final KdeSpec spec;
    private final int d;
    private final OriginalMixture original;
    /** The original's mean mu_0 (with data, D_0's mean). */
    private final double[] mu0;
    private final KdePoints heldOut;
    /** The user's training points D_0, never modified, or null when the original is a mixture. */
    private final KdePoints trainingData;
    private final KdeSampler sampler;
    private final KdeMetrics metrics;
    /** The fitted points' mean, for a rule's spread. */
    private final double[] fitMean;

    KdeFamily(KdeSpec spec) {
        this.spec = spec;
        d = spec.dim();
        original = OriginalMixture.of(d, spec.weights(), spec.means(), spec.covariances());
        mu0 = new double[d];
        heldOut = new KdePoints(d);
        sampler = new KdeSampler(d);
        metrics = new KdeMetrics(d);
        fitMean = new double[d];
        if (spec.data() == null) {
            trainingData = null;
            original.mean(mu0);
        } else {
            trainingData = new KdePoints(d);
            trainingData.load(spec.data(), false);
            heldOut.load(spec.data(), true);
            trainingData.mean(trainingData.count, mu0);
        }
    }

    @Override
    public List<String> metricNames() {
        return KdeMetric.NAMES;
    }

    @Override
    public KernelDensity newModel() {
        return new KernelDensity();
    }

    @Override
    public KdePoints newData() {
        return new KdePoints(d);
    }

    @Override
    public void reset(UniformRandomProvider rng) {
        sampler.reset(rng);
    }

    /** p_0 and (a replicate's first random numbers) its held-out points; with the user's points, the KDE on D_0. */
    @Override
    public void original(KernelDensity out) {
        if (trainingData != null) {
            fit(trainingData, out);
            return;
        }
        out.setOriginal();
        heldOut.clear();
        sampler.draw(original, spec.heldOut(), heldOut);
    }

    @Override
    public boolean originalData(KdePoints out) {
        if (trainingData == null) {
            return false;
        }
        out.load(spec.data(), false);
        return true;
    }

    @Override
    public void draw(KernelDensity model, int n, KdePoints out) {
        if (model.original) {
            sampler.draw(original, n, out);
        } else {
            sampler.draw(model, n, out);
        }
    }

    /** From p_0, or with the user's points, n of them drawn with replacement. */
    @Override
    public void drawOriginal(int n, KdePoints out) {
        if (trainingData != null) {
            sampler.resample(trainingData, n, out);
        } else {
            sampler.draw(original, n, out);
        }
    }

    @Override
    public void resample(KdePoints from, int n, KdePoints out) {
        sampler.resample(from, n, out);
    }

    @Override
    public void subsample(KdePoints pool, int n, KdePoints out) {
        sampler.subsample(pool, n, out);
    }

    /** The KDE on the data; a rule's h from their unbiased per-coordinate variance, averaged over coordinates. */
    @Override
    public void fit(KdePoints data, KernelDensity out) {
        final int n = data.count;
        double spread = Double.NaN;
        if (spec.rule() != BandwidthRule.FIXED) {
            data.mean(n, fitMean);
            spread = Math.sqrt(data.squaredDeviations(n, fitMean) / ((n - 1.0) * d));
        }
        out.set(data, n, spec.rule().bandwidth(spec.bandwidth(), spread, n, d));
    }

    @Override
    public void requireMetrics(BitSet needed) {
        metrics.require(needed);
    }

    @Override
    public void measure(KernelDensity model, boolean absorbed, double[] out) {
        metrics.measure(model, original, mu0, heldOut, out);
    }

    /**
     * Every centre the same point, and for the accumulating regimes the pool too (only resampling can get there), and the
     * model's draws that point again: h = 0 (a rule on data without spread), or no generation draws from the model
     * ({@link KdeChain#canAbsorb}).
     */
    @Override
    public boolean absorbing(KernelDensity model, KdePoints pool) {
        return !model.original && (model.bandwidth == 0 || spec.regime().neverDrawsFromModel(spec.samples()))
                && !model.centres.hasSpread(model.count) && (pool == null || !pool.hasSpread(pool.count));
    }
}
