package org.modelcollapse.gaussian;

import java.util.Arrays;
import org.modelcollapse.linalg.Cholesky;
import org.modelcollapse.process.Regime;
import org.modelcollapse.process.SampleSizeSchedule;
import org.modelcollapse.process.SamplingMode;

/**
 * Definition of a Gaussian collapse chain (SPEC §2–§4): D_0 = N(mu_0, Sigma_0) in {@code dim}
 * dimensions, M_n points per generation, the regime, the covariance estimator and the sampling mode.
 * Arrays are copied in and out. Regimes: replace, mix, accumulate and accumulate-subsample; the ones
 * that draw earlier points again (mix with beta &gt; 0, accumulate-subsample) need the points and run
 * in samples mode (auto chooses it; exact is rejected).
 *
 * @param dim d &gt;= 1
 * @param mean mu_0, d finite values
 * @param covariance Sigma_0, d x d row-major, symmetric positive definite
 * @param samples M_n; M_0 &gt;= 2 (a covariance needs two points)
 * @param regime replace, mix, accumulate or accumulate-subsample
 * @param estimator unbiased (M - 1) or maximum likelihood (M)
 * @param mode exact (sufficient statistics: mean and Bartlett-Wishart scatter), samples (M points
 *     drawn and measured), or auto (exact unless the regime needs the points)
 * @param data the user's points as D_0, or null for D_0 = N(mean, covariance); when given, mean and
 *     covariance are replaced by the data's mean and scatter / divisor(n_0) (the first fit), and the mix
 *     regime's fresh share is resampled from the points. Points from a Gaussian model still come from
 *     the chosen mode: every fit sees data only through means and scatters.
 */
public record GaussianSpec(int dim, double[] mean, double[] covariance, SampleSizeSchedule samples, Regime regime,
        Estimator estimator, SamplingMode mode, OriginalData data) {
    /** Relative asymmetry |a_ij - a_ji| / max|a| tolerated in Sigma_0. */
    public static final double SYMMETRY_TOLERANCE = 1e-12;

    /** Validates and copies; messages name the parameter, the value and what is allowed. */
    public GaussianSpec {
        if (dim < 1) {
            throw new IllegalArgumentException("dimension d must be >= 1: " + dim);
        }
        if (samples.base() < 2) {
            throw new IllegalArgumentException("sample size M must be >= 2 to estimate a covariance: " + samples.base());
        }
        if (needsPoints(regime) && mode == SamplingMode.EXACT) {
            throw new IllegalArgumentException("regime " + regime + " resamples earlier points, which the exact mode does not keep: "
                    + "use mode samples or auto");
        }
        if (data != null) {
            if (data.dim() != dim) {
                throw new IllegalArgumentException("data points have " + data.dim() + " coordinates, d is " + dim);
            }
            mean = data.mean();
            covariance = data.scatter();
            final double divisor = estimator.divisor(data.count());
            for (int i = 0; i < covariance.length; i++) {
                covariance[i] /= divisor;
            }
            for (int i = 0; i < dim; i++) {
                for (int j = 0; j < i; j++) {
                    covariance[i * dim + j] = covariance[j * dim + i];
                }
            }
        }
        if (mean == null || mean.length != dim) {
            throw new IllegalArgumentException("mean must have d = " + dim + " entries: " + (mean == null ? "null" : mean.length));
        }
        if (covariance == null || covariance.length != dim * dim) {
            throw new IllegalArgumentException("covariance must have d x d = " + dim * dim + " entries: "
                    + (covariance == null ? "null" : covariance.length));
        }
        mean = mean.clone();
        covariance = covariance.clone();
        for (int i = 0; i < dim; i++) {
            if (!Double.isFinite(mean[i])) {
                throw new IllegalArgumentException("mean[" + i + "] must be finite: " + mean[i]);
            }
        }
        checkSymmetricPositiveDefinite(dim, covariance);
    }

    /** @return N(0, I_d), unbiased estimator, constant M, auto mode */
    public static GaussianSpec standard(int dim, int m) {
        final double[] identity = new double[dim * dim];
        for (int i = 0; i < dim; i++) {
            identity[i * dim + i] = 1;
        }
        return new GaussianSpec(dim, new double[dim], identity, SampleSizeSchedule.constant(m), Regime.replace(), Estimator.UNBIASED,
                SamplingMode.AUTO, null);
    }

    /** @return this spec with another estimator */
    public GaussianSpec withEstimator(Estimator other) {
        return new GaussianSpec(dim, mean, covariance, samples, regime, other, mode, data);
    }

    /** @return this spec with another regime */
    public GaussianSpec withRegime(Regime other) {
        return new GaussianSpec(dim, mean, covariance, samples, other, estimator, mode, data);
    }

    /** @return this spec with another sampling mode */
    public GaussianSpec withMode(SamplingMode other) {
        return new GaussianSpec(dim, mean, covariance, samples, regime, estimator, other, data);
    }

    /** @return this spec with another original distribution N(mean, covariance) */
    public GaussianSpec withOriginal(double[] newMean, double[] newCovariance) {
        return new GaussianSpec(dim, newMean, newCovariance, samples, regime, estimator, mode, null);
    }

    /** @return this spec with the user's points as D_0 */
    public GaussianSpec withData(OriginalData points) {
        return new GaussianSpec(dim, mean, covariance, samples, regime, estimator, mode, points);
    }

    @Override
    public double[] mean() {
        return mean.clone();
    }

    @Override
    public double[] covariance() {
        return covariance.clone();
    }

    /** @return the mode a chain of this spec runs in: auto resolves to exact (D_0 is Gaussian) */
    public SamplingMode resolvedMode() {
        return resolve(mode, regime);
    }

    /** @return the mode a chain of this mode and regime runs in: auto is exact unless the regime needs the points */
    public static SamplingMode resolve(SamplingMode mode, Regime regime) {
        if (mode != SamplingMode.AUTO) {
            return mode;
        }
        return needsPoints(regime) ? SamplingMode.SAMPLES : SamplingMode.EXACT;
    }

    /** @return true for the regimes that draw from earlier data points: mix with beta &gt; 0, accumulate-subsample */
    static boolean needsPoints(Regime regime) {
        return regime.kind() == Regime.Kind.ACCUMULATE_SUBSAMPLE || regime.beta() > 0;
    }

    private static void checkSymmetricPositiveDefinite(int dim, double[] a) {
        double scale = 0;
        for (double v : a) {
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException("covariance entries must be finite: " + v);
            }
            scale = Math.max(scale, Math.abs(v));
        }
        for (int i = 0; i < dim; i++) {
            for (int j = 0; j < i; j++) {
                if (Math.abs(a[i * dim + j] - a[j * dim + i]) > SYMMETRY_TOLERANCE * scale) {
                    throw new IllegalArgumentException("covariance must be symmetric: entry (" + i + ", " + j + ") = "
                            + a[i * dim + j] + " but (" + j + ", " + i + ") = " + a[j * dim + i]);
                }
            }
        }
        final double[] u = new double[dim * dim];
        final int positive = Cholesky.factorUpper(a, dim, dim, dim, u);
        if (positive < dim) {
            throw new IllegalArgumentException("covariance must be positive definite (for data: the points must span all d dimensions): "
                    + "its Cholesky factorisation fails at pivot " + positive + " of " + dim);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof GaussianSpec g && dim == g.dim && Arrays.equals(mean, g.mean) && Arrays.equals(covariance, g.covariance)
                && samples.equals(g.samples) && regime.equals(g.regime) && estimator == g.estimator && mode == g.mode
                && java.util.Objects.equals(data, g.data);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(mean) * 31 + Arrays.hashCode(covariance) + samples.hashCode() + regime.hashCode() + estimator.hashCode()
                + mode.hashCode();
    }

    @Override
    public String toString() {
        return "GaussianSpec[d=" + dim + ", mean=" + Arrays.toString(mean) + ", covariance=" + Arrays.toString(covariance)
                + ", samples=" + samples + ", regime=" + regime + ", estimator=" + estimator + ", mode=" + mode + "]";
    }
}
