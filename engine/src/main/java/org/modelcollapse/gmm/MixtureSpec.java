package org.modelcollapse.gmm;

import org.modelcollapse.linalg.Cholesky;
import org.modelcollapse.process.Regime;
import org.modelcollapse.process.SampleSizeSchedule;
import org.modelcollapse.process.UserPoints;
import org.modelcollapse.simd.MomentKernels;

/**
 * Everything that defines a Gaussian-mixture collapse chain: the original mixture p_0, the model
 * fitted each generation (k components, covariance type, EM's initialisation, tolerance, iteration cap
 * and covariance regularisation, as scikit-learn's {@code GaussianMixture} names them), the sample
 * sizes, the regime, and the held-out original points the negative log-likelihood is measured on.
 *
 * @param dim d
 * @param components k of the fitted model (p_0 may have another number)
 * @param weights p_0's weights, &gt;= 0, summing to 1
 * @param means p_0's means, row-major, one row of d per component
 * @param covariances p_0's covariances, d x d row-major each, symmetric positive definite
 * @param heldOut original points drawn per replicate for the held-out negative log-likelihood (with data, its held-out count)
 * @param data the user's points as the original, or null: generation 0 is then each replicate's EM fit to the training
 *     points (p_0 of the L2 metrics), the held-out points are the data's, and the mixture given above is not used
 */
public record MixtureSpec(int dim, int components, double[] weights, double[] means, double[] covariances,
                          CovarianceType covarianceType, Initialisation initialisation, double tolerance, int maxIterations,
                          double regularisation, SampleSizeSchedule samples, Regime regime, int heldOut, UserPoints data) {
    /** Largest |sum of weights - 1| accepted. */
    public static final double WEIGHT_TOLERANCE = 1e-9;
    /** Relative asymmetry |a_ij - a_ji| / max|a| tolerated in a covariance. */
    public static final double SYMMETRY_TOLERANCE = 1e-12;

    /** Validates and copies; messages name the parameter, the value and what is allowed. */
    public MixtureSpec {
        if (dim < 1) {
            throw new IllegalArgumentException("dimension d must be >= 1: " + dim);
        }
        if (components < 1) {
            throw new IllegalArgumentException("components k must be >= 1: " + components);
        }
        if (samples.base() < components) {
            throw new IllegalArgumentException("sample size M = " + samples.base() + " must be >= k = " + components
                    + ": EM needs at least one point per component");
        }
        if (!(tolerance > 0) || Double.isInfinite(tolerance)) {
            throw new IllegalArgumentException("tolerance must be finite and > 0: " + tolerance);
        }
        if (maxIterations < 1) {
            throw new IllegalArgumentException("iteration cap must be >= 1: " + maxIterations);
        }
        if (!(regularisation >= 0) || Double.isInfinite(regularisation)) {
            throw new IllegalArgumentException("covariance regularisation must be finite and >= 0: " + regularisation);
        }
        if (heldOut < 1) {
            throw new IllegalArgumentException("held-out points must be >= 1: " + heldOut);
        }
        if (data != null && (data.dim() != dim || data.heldOutCount() != heldOut)) {
            throw new IllegalArgumentException("the data's dimension and held-out count (" + data.dim() + ", " + data.heldOutCount()
                    + ") must be the spec's (" + dim + ", " + heldOut + ")");
        }
        if (data != null && data.trainingCount() < components) {
            throw new IllegalArgumentException("the data's " + data.trainingCount() + " training points must be >= k = " + components);
        }
        final int k0 = weights.length;
        if (k0 < 1 || means.length != k0 * dim || covariances.length != k0 * dim * dim) {
            throw new IllegalArgumentException("the original mixture needs, per component, a weight, d = " + dim + " mean values and d x d "
                    + "covariance values: got " + k0 + " weights, " + means.length + " mean values, " + covariances.length + " covariance values");
        }
        double total = 0;
        for (int j = 0; j < k0; j++) {
            if (!(weights[j] >= 0) || Double.isInfinite(weights[j])) {
                throw new IllegalArgumentException("original weight " + (j + 1) + " must be finite and >= 0: " + weights[j]);
            }
            total += weights[j];
        }
        if (!(Math.abs(total - 1) <= WEIGHT_TOLERANCE)) {
            throw new IllegalArgumentException("original weights must sum to 1: they sum to " + total);
        }
        for (double v : means) {
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException("original means must be finite: " + v);
            }
        }
        for (int j = 0; j < k0; j++) {
            checkCovariance(covariances, j, dim);
        }
        weights = weights.clone();
        means = means.clone();
        covariances = covariances.clone();
    }

    /** A spec whose original is the mixture given, not the user's points. */
    public MixtureSpec(int dim, int components, double[] weights, double[] means, double[] covariances, CovarianceType covarianceType,
            Initialisation initialisation, double tolerance, int maxIterations, double regularisation, SampleSizeSchedule samples,
            Regime regime, int heldOut) {
        this(dim, components, weights, means, covariances, covarianceType, initialisation, tolerance, maxIterations, regularisation,
                samples, regime, heldOut, null);
    }

    private static void checkCovariance(double[] covariances, int j, int d) {
        final int at = j * d * d;
        double max = 0;
        for (int i = 0; i < d * d; i++) {
            if (!Double.isFinite(covariances[at + i])) {
                throw new IllegalArgumentException("original covariance " + (j + 1) + " must be finite: " + covariances[at + i]);
            }
            max = Math.max(max, Math.abs(covariances[at + i]));
        }
        for (int r = 0; r < d; r++) {
            for (int s = 0; s < r; s++) {
                if (Math.abs(covariances[at + r * d + s] - covariances[at + s * d + r]) > SYMMETRY_TOLERANCE * max) {
                    throw new IllegalArgumentException("original covariance " + (j + 1) + " must be symmetric: entry (" + (r + 1) + ", " + (s + 1)
                            + ") is " + covariances[at + r * d + s] + ", entry (" + (s + 1) + ", " + (r + 1) + ") is " + covariances[at + s * d + r]);
                }
            }
        }
        final int stride = MomentKernels.stride(d);
        final double[] padded = new double[d * stride];
        for (int r = 0; r < d; r++) {
            System.arraycopy(covariances, at + r * d, padded, r * stride, d);
        }
        if (Cholesky.factorUpper(padded, d, stride, d, new double[d * stride]) != d) {
            throw new IllegalArgumentException("original covariance " + (j + 1) + " must be positive definite");
        }
    }

    /**
     * The paper's setting (Shumailov et al. 2024, the GMM experiment): p_0 = N(0, I_2), a full-covariance
     * mixture of two components fitted by EM with tol 1e-5, at most 2000 iterations, reg 1e-6, k-means
     * initialisation, replace regime, M = 1000.
     */
    public static MixtureSpec paper() {
        return new MixtureSpec(2, 2, new double[] {1}, new double[2], new double[] {1, 0, 0, 1}, CovarianceType.FULL,
                Initialisation.KMEANS, 1e-5, 2000, 1e-6, SampleSizeSchedule.constant(1000), Regime.replace(), 1000);
    }

    /** @return the number of components of p_0 */
    public int originalComponents() {
        return weights.length;
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

    /** @return this spec with another number of components */
    public MixtureSpec withComponents(int k) {
        return new MixtureSpec(dim, k, weights, means, covariances, covarianceType, initialisation, tolerance, maxIterations,
                regularisation, samples, regime, heldOut, data);
    }

    /** @return this spec with another original mixture (and no data) */
    public MixtureSpec withOriginal(double[] w, double[] mu, double[] sigma) {
        return new MixtureSpec(dim, components, w, mu, sigma, covarianceType, initialisation, tolerance, maxIterations,
                regularisation, samples, regime, heldOut, null);
    }

    /** @return this spec with the user's points as the original (dimension and held-out count from them) */
    public MixtureSpec withData(UserPoints d) {
        final double[] identity = new double[d.dim() * d.dim()];
        for (int r = 0; r < d.dim(); r++) {
            identity[r * d.dim() + r] = 1;
        }
        return new MixtureSpec(d.dim(), components, new double[] {1}, new double[d.dim()], identity, covarianceType, initialisation,
                tolerance, maxIterations, regularisation, samples, regime, d.heldOutCount(), d);
    }

    /** @return this spec with another regime */
    public MixtureSpec withRegime(Regime r) {
        return new MixtureSpec(dim, components, weights, means, covariances, covarianceType, initialisation, tolerance, maxIterations,
                regularisation, samples, r, heldOut, data);
    }

    /** @return this spec with another sample-size schedule */
    public MixtureSpec withSamples(SampleSizeSchedule s) {
        return new MixtureSpec(dim, components, weights, means, covariances, covarianceType, initialisation, tolerance, maxIterations,
                regularisation, s, regime, heldOut, data);
    }

    /** @return this spec with another initialisation */
    public MixtureSpec withInitialisation(Initialisation i) {
        return new MixtureSpec(dim, components, weights, means, covariances, covarianceType, i, tolerance, maxIterations,
                regularisation, samples, regime, heldOut, data);
    }

    /** @return this spec with another covariance type */
    public MixtureSpec withCovarianceType(CovarianceType t) {
        return new MixtureSpec(dim, components, weights, means, covariances, t, initialisation, tolerance, maxIterations,
                regularisation, samples, regime, heldOut, data);
    }
}
