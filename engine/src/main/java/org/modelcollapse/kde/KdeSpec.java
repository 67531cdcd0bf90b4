package org.modelcollapse.kde;

import org.modelcollapse.process.Regime;
import org.modelcollapse.process.SampleSizeSchedule;
import org.modelcollapse.process.UserPoints;

/**
 * Everything that defines a kernel-density collapse chain (Kazdan et al. 2024, arXiv 2410.16713: each
 * generation's model is the Gaussian KDE on its data, sampled by picking a point and adding h N(0, I)):
 * the bandwidth and how it is chosen, the original (a Gaussian mixture, or the user's points), the sample
 * sizes, the regime, and the held-out original points of the negative log-likelihood.
 *
 * @param dim d
 * @param bandwidth the fixed h, finite and &gt; 0, with {@link BandwidthRule#FIXED}; NaN with a rule (it is not used)
 * @param rule fixed, or Scott's or Silverman's rule recomputed each generation
 * @param weights p_0's weights, &gt;= 0, summing to 1
 * @param means p_0's means, row-major, one row of d per component
 * @param covariances p_0's covariances, d x d row-major each, symmetric positive definite
 * @param heldOut original points drawn per replicate for the held-out negative log-likelihood (with data, its held-out count)
 * @param data the user's points as the original, or null: generation 0 (and 1) is then the KDE on the training points,
 *     the held-out points are the data's, and the mixture given above is not used
 */
public record KdeSpec(int dim, double bandwidth, BandwidthRule rule, double[] weights, double[] means, double[] covariances,
                      SampleSizeSchedule samples, Regime regime, int heldOut, UserPoints data) {
    /** Validates and copies; messages name the parameter, the value and what is allowed. */
    public KdeSpec {
        if (dim < 1) {
            throw new IllegalArgumentException("dimension d must be >= 1: " + dim);
        }
        if (rule == BandwidthRule.FIXED ? !(bandwidth > 0) || Double.isInfinite(bandwidth) : !Double.isNaN(bandwidth)) {
            throw new IllegalArgumentException(rule == BandwidthRule.FIXED ? "bandwidth h must be finite and > 0: " + bandwidth
                    : "bandwidth h is chosen by the " + rule.label() + " rule: give NaN, not " + bandwidth);
        }
        if (rule != BandwidthRule.FIXED && samples.base() < 2) {
            throw new IllegalArgumentException("the " + rule.label() + " rule needs the unbiased variance of at least 2 points: M = "
                    + samples.base());
        }
        if (heldOut < 1) {
            throw new IllegalArgumentException("held-out points must be >= 1: " + heldOut);
        }
        if (data != null && (data.dim() != dim || data.heldOutCount() != heldOut)) {
            throw new IllegalArgumentException("the data's dimension and held-out count (" + data.dim() + ", " + data.heldOutCount()
                    + ") must be the spec's (" + dim + ", " + heldOut + ")");
        }
        OriginalMixture.of(dim, weights, means, covariances);
        weights = weights.clone();
        means = means.clone();
        covariances = covariances.clone();
    }

    /**
     * A fixed bandwidth, p_0 = N(0, I_d), replace.
     *
     * @param h the fixed bandwidth
     * @param m the sample size M of every generation
     */
    public static KdeSpec standard(int d, double h, int m, int heldOut) {
        final double[] identity = new double[d * d];
        for (int r = 0; r < d; r++) {
            identity[r * d + r] = 1;
        }
        return new KdeSpec(d, h, BandwidthRule.FIXED, new double[] {1}, new double[d], identity, SampleSizeSchedule.constant(m),
                Regime.replace(), heldOut, null);
    }

    @Override
    public double[] weights() {
        return weights.clone();
    }

    @Override
    public double[] means() {
        return means.clone();
    }

    @Override
    public double[] covariances() {
        return covariances.clone();
    }

    /** @return this spec with another original mixture (and no data) */
    public KdeSpec withOriginal(double[] w, double[] mu, double[] sigma) {
        return new KdeSpec(dim, bandwidth, rule, w, mu, sigma, samples, regime, heldOut, null);
    }

    /** @return this spec with the user's points as the original (dimension and held-out count from them) */
    public KdeSpec withData(UserPoints d) {
        final double[] identity = new double[d.dim() * d.dim()];
        for (int r = 0; r < d.dim(); r++) {
            identity[r * d.dim() + r] = 1;
        }
        return new KdeSpec(d.dim(), bandwidth, rule, new double[] {1}, new double[d.dim()], identity, samples, regime, d.heldOutCount(), d);
    }

    /** @return this spec with another bandwidth rule (h NaN for a rule) */
    public KdeSpec withBandwidth(BandwidthRule r, double h) {
        return new KdeSpec(dim, h, r, weights, means, covariances, samples, regime, heldOut, data);
    }

    /** @return this spec with another regime */
    public KdeSpec withRegime(Regime r) {
        return new KdeSpec(dim, bandwidth, rule, weights, means, covariances, samples, r, heldOut, data);
    }

    /** @return this spec with another sample-size schedule */
    public KdeSpec withSamples(SampleSizeSchedule s) {
        return new KdeSpec(dim, bandwidth, rule, weights, means, covariances, s, regime, heldOut, data);
    }
}
