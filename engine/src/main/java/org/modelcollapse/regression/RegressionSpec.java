package org.modelcollapse.regression;

import java.util.Arrays;
import org.modelcollapse.process.Regime;
import org.modelcollapse.process.SampleSizeSchedule;
import org.modelcollapse.process.SamplingMode;

/**
 * A linear-regression collapse chain (Gerstgrasser et al. 2024, arXiv 2404.01413; Kazdan et al. 2024,
 * arXiv 2410.16713; Dey and Donoho 2024, arXiv 2410.22812): T_n rows x ~ N(0, Sigma_x) per generation,
 * labels y = x^T w_prev + sigma eps with w_prev = w* at the first fit, refitted by least squares.
 *
 * @param dim features d
 * @param design the same rows every generation, or fresh ones
 * @param noiseVariance sigma^2 &gt;= 0
 * @param ridge lambda &gt;= 0: the fit minimises ||y - X w||^2 + lambda ||w||^2 (scikit-learn's Ridge, unscaled by T)
 * @param minimumNorm the fit is X^+ y, the minimum-norm least-squares solution (for T &lt; d); then ridge = 0
 * @param trueWeights w*, d values, or null to draw w* ~ N(0, I_d) per replicate
 * @param designCovariance Sigma_x, d x d row-major, symmetric positive definite
 * @param samples rows T_n per generation (constant with a fixed design)
 * @param regime how a generation's rows are assembled
 * @param mode exact draws of the least-squares statistics, the rows themselves, or the chain's choice
 * @param testPoints held-out labelled points per replicate for {@link RegressionMetric#TEST_MSE} (0 for none)
 */
public record RegressionSpec(int dim, Design design, double noiseVariance, double ridge, boolean minimumNorm, double[] trueWeights,
                             double[] designCovariance, SampleSizeSchedule samples, Regime regime, SamplingMode mode, int testPoints) {
    /** Validates the definition; the arrays are copied. */
    public RegressionSpec {
        if (dim < 1) {
            throw new IllegalArgumentException("dimension must be >= 1, not " + dim);
        }
        if (!(noiseVariance >= 0) || Double.isInfinite(noiseVariance)) {
            throw new IllegalArgumentException("noise variance must be finite and >= 0, not " + noiseVariance);
        }
        if (!(ridge >= 0) || Double.isInfinite(ridge)) {
            throw new IllegalArgumentException("ridge must be finite and >= 0, not " + ridge);
        }
        if (minimumNorm && ridge > 0) {
            throw new IllegalArgumentException("a minimum-norm fit has no ridge penalty");
        }
        if (trueWeights != null) {
            if (trueWeights.length != dim) {
                throw new IllegalArgumentException("true weights must hold " + dim + " values, not " + trueWeights.length);
            }
            for (double w : trueWeights) {
                if (!Double.isFinite(w)) {
                    throw new IllegalArgumentException("true weights must be finite, not " + w);
                }
            }
            trueWeights = trueWeights.clone();
        }
        if (designCovariance.length != dim * dim) {
            throw new IllegalArgumentException("design covariance must hold " + dim + " x " + dim + " values, not " + designCovariance.length);
        }
        designCovariance = designCovariance.clone();
        for (int i = 0; i < dim; i++) {
            for (int j = 0; j < i; j++) {
                if (designCovariance[i * dim + j] != designCovariance[j * dim + i]) {
                    throw new IllegalArgumentException("design covariance must be symmetric");
                }
            }
        }
        if (org.modelcollapse.linalg.Cholesky.factorUpper(designCovariance, dim, dim, dim, new double[dim * dim]) < dim) {
            throw new IllegalArgumentException("design covariance must be positive definite");
        }
        if (design == Design.FIXED && samples.grows()) {
            throw new IllegalArgumentException("a fixed design has the same rows every generation: the sample size must be constant");
        }
        if (testPoints < 0) {
            throw new IllegalArgumentException("test points must be >= 0, not " + testPoints);
        }
        if (mode == SamplingMode.EXACT && exactUnavailable(regime, minimumNorm) != null) {
            throw new IllegalArgumentException("exact mode is unavailable: " + exactUnavailable(regime, minimumNorm));
        }
    }

    /** @return the chain with Sigma_x = I, w* drawn per replicate, OLS and no test points */
    public static RegressionSpec standard(int dim, int rows, Design design, double noiseVariance, Regime regime, SamplingMode mode) {
        return new RegressionSpec(dim, design, noiseVariance, 0, false, null, identity(dim), SampleSizeSchedule.constant(rows), regime, mode, 0);
    }

    /** @return the d x d identity, row-major */
    public static double[] identity(int dim) {
        final double[] eye = new double[dim * dim];
        for (int i = 0; i < dim; i++) {
            eye[i * dim + i] = 1;
        }
        return eye;
    }

    /**
     * @return why the least-squares statistics cannot be drawn directly for this regime and fit (the rows are
     *     needed), or null if they can
     */
    public static String exactUnavailable(Regime regime, boolean minimumNorm) {
        if (minimumNorm) {
            return "a minimum-norm refit needs the rows (use samples or auto)";
        }
        if (regime.kind() == Regime.Kind.ACCUMULATE_SUBSAMPLE) {
            return "accumulate-subsample draws rows of the pool again (use samples or auto)";
        }
        if (regime.kind() == Regime.Kind.MIX && regime.beta() > 0) {
            return "mix with beta > 0 resamples earlier rows (use samples or auto)";
        }
        return null;
    }

    /** @return exact or samples: auto means exact wherever the regime and the fit allow it */
    public SamplingMode resolvedMode() {
        if (mode != SamplingMode.AUTO) {
            return mode;
        }
        return exactUnavailable(regime, minimumNorm) == null ? SamplingMode.EXACT : SamplingMode.SAMPLES;
    }

    /** @return a copy with another sampling mode */
    public RegressionSpec withMode(SamplingMode other) {
        return new RegressionSpec(dim, design, noiseVariance, ridge, minimumNorm, trueWeights, designCovariance, samples, regime, other, testPoints);
    }

    /** @return a copy with {@code count} held-out test points */
    public RegressionSpec withTestPoints(int count) {
        return new RegressionSpec(dim, design, noiseVariance, ridge, minimumNorm, trueWeights, designCovariance, samples, regime, mode, count);
    }

    @Override
    public double[] trueWeights() {
        return trueWeights == null ? null : trueWeights.clone();
    }

    @Override
    public double[] designCovariance() {
        return designCovariance.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RegressionSpec s && dim == s.dim && design == s.design && noiseVariance == s.noiseVariance && ridge == s.ridge
                && minimumNorm == s.minimumNorm && Arrays.equals(trueWeights, s.trueWeights) && Arrays.equals(designCovariance, s.designCovariance)
                && samples.equals(s.samples) && regime.equals(s.regime) && mode == s.mode && testPoints == s.testPoints;
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(designCovariance) * 31 + Arrays.hashCode(trueWeights) + regime.hashCode();
    }

    @Override
    public String toString() {
        return "RegressionSpec[d=" + dim + ", design=" + design.label() + ", sigma2=" + noiseVariance + ", ridge=" + ridge
                + (minimumNorm ? ", min-norm" : "") + ", T=" + samples + ", " + regime + ", " + mode.label() + "]";
    }
}
