package org.modelcollapse.regression;

import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.modelcollapse.linalg.Cholesky;
import org.modelcollapse.process.ModelFamily;
import org.modelcollapse.random.ChiSquareSampler;

/**
 * What both regression families share ({@link StatisticFamily}, {@link RowFamily}): generation 0 is w*
 * (drawn N(0, I_d) per replicate unless given), a draw from a model labels rows with its weights and
 * Gaussian noise, a fresh original draw labels them with w*, and the metrics ({@link RegressionMetric}).
 * A replicate's first random numbers are w*, then its design (fixed designs), then its test points.
 */
abstract class RegressionFamily implements ModelFamily<Weights, RegressionData> {
    final RegressionSpec spec;
    final int d;
    /** sigma, the noise's standard deviation. */
    final double sigma;
    /** L with L L^T = Sigma_x, d x d row-major lower triangular, or null for Sigma_x = I. */
    final double[] lowerSigma;
    /** w* of the current replicate. */
    final double[] trueWeights;
    UniformRandomProvider rng;
    ZigguratSampler.NormalizedGaussian normal;
    ChiSquareSampler chi;
    private final List<String> names;
    private final double[] diff;
    private final double[] testRows;

    RegressionFamily(RegressionSpec spec) {
        this.spec = spec;
        d = spec.dim();
        sigma = Math.sqrt(spec.noiseVariance());
        lowerSigma = lowerFactor(spec.designCovariance(), d);
        trueWeights = new double[d];
        names = RegressionMetric.names(spec.testPoints());
        diff = new double[d];
        testRows = new double[spec.testPoints() * (d + 1)];
    }

    /** @return L with L L^T = covariance (null for the identity), which {@link RegressionSpec} has checked positive definite */
    static double[] lowerFactor(double[] covariance, int d) {
        if (java.util.Arrays.equals(covariance, RegressionSpec.identity(d))) {
            return null;
        }
        final double[] u = new double[d * d];
        Cholesky.factorUpper(covariance, d, d, d, u);
        final double[] lower = new double[d * d];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j <= i; j++) {
                lower[i * d + j] = u[j * d + i];
            }
        }
        return lower;
    }

    @Override
    public final List<String> metricNames() {
        return names;
    }

    @Override
    public final Weights newModel() {
        return new Weights(d);
    }

    @Override
    public final RegressionData newData() {
        return new RegressionData(d);
    }

    @Override
    public void reset(UniformRandomProvider rng) {
        this.rng = rng;
        normal = ZigguratSampler.NormalizedGaussian.of(rng);
        chi = new ChiSquareSampler(rng);
    }

    /** w*, then the replicate's design ({@link #startReplicate}) and its test points. */
    @Override
    public final void original(Weights out) {
        if (spec.trueWeights() == null) {
            for (int k = 0; k < d; k++) {
                trueWeights[k] = normal.sample();
            }
        } else {
            System.arraycopy(spec.trueWeights(), 0, trueWeights, 0, d);
        }
        out.start(trueWeights);
        startReplicate();
        for (int h = 0; h < spec.testPoints(); h++) {
            final int at = h * (d + 1);
            double y = sigma * normal.sample();
            for (int k = 0; k < d; k++) {
                testRows[at + k] = normal.sample();
            }
            correlate(testRows, at);
            for (int k = 0; k < d; k++) {
                y += testRows[at + k] * trueWeights[k];
            }
            testRows[at + d] = y;
        }
    }

    /** Draws what a replicate keeps across generations (a fixed design), after w*. */
    abstract void startReplicate();

    /** Maps standard normals z at {@code [at, at + d)} to L z in place (rows of N(0, Sigma_x)). */
    final void correlate(double[] x, int at) {
        if (lowerSigma == null) {
            return;
        }
        for (int i = d - 1; i >= 0; i--) {
            double s = 0;
            for (int k = 0; k <= i; k++) {
                s += lowerSigma[i * d + k] * x[at + k];
            }
            x[at + i] = s;
        }
    }

    /** Regression has no user data set as its original: the original is w* and the design's distribution. */
    @Override
    public final boolean originalData(RegressionData out) {
        return false;
    }

    @Override
    public final void draw(Weights model, int n, RegressionData out) {
        addRows(model.w, n, out);
    }

    /** Fresh real labels: rows labelled by w*. */
    @Override
    public final void drawOriginal(int n, RegressionData out) {
        addRows(trueWeights, n, out);
    }

    /** Adds n rows (0 allowed) labelled y = x^T weights + sigma eps. */
    abstract void addRows(double[] weights, int n, RegressionData out);

    @Override
    public final void measure(Weights model, boolean absorbed, double[] out) {
        double euclidean = 0;
        double step = 0;
        for (int k = 0; k < d; k++) {
            diff[k] = model.w[k] - trueWeights[k];
            euclidean += diff[k] * diff[k];
            final double s = model.w[k] - model.previous[k];
            step += s * s;
        }
        out[RegressionMetric.EXCESS_RISK.index()] = lowerSigma == null ? euclidean : sigmaNorm(diff);
        out[RegressionMetric.SQ_DISTANCE.index()] = euclidean;
        out[RegressionMetric.STEP_NORM.index()] = Math.sqrt(step);
        if (spec.testPoints() > 0) {
            double sum = 0;
            for (int h = 0; h < spec.testPoints(); h++) {
                final int at = h * (d + 1);
                double residual = testRows[at + d];
                for (int k = 0; k < d; k++) {
                    residual -= testRows[at + k] * model.w[k];
                }
                sum += residual * residual;
            }
            out[RegressionMetric.TEST_MSE.index()] = sum / spec.testPoints();
        }
    }

    /** @return v^T Sigma_x v = ||L^T v||^2 */
    private double sigmaNorm(double[] v) {
        double sum = 0;
        for (int j = 0; j < d; j++) {
            double s = 0;
            for (int i = j; i < d; i++) {
                s += lowerSigma[i * d + j] * v[i];
            }
            sum += s * s;
        }
        return sum;
    }

    /** Noise keeps moving the weights (sigma &gt; 0), and noise-free refits reproduce them only up to rounding: never absorbed. */
    @Override
    public final boolean absorbing(Weights model, RegressionData pool) {
        return false;
    }
}
