package org.modelcollapse.gaussian;

import java.util.BitSet;
import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.modelcollapse.linalg.Cholesky;
import org.modelcollapse.process.ModelFamily;
import org.modelcollapse.process.Regime;
import org.modelcollapse.random.ChiSquareSampler;
import org.modelcollapse.simd.LxmLanes;
import org.modelcollapse.simd.MomentKernels;

/**
 * What both Gaussian families share: the original N(mu_0, Sigma_0) as mean and upper Cholesky
 * factor, the random streams, the end of every fit (the estimator's divisor, the power of two, ln of
 * the diagonal) and the metrics. {@link BlockFamily} keeps data as sufficient statistics,
 * {@link PointFamily} keeps the points, for the regimes that draw earlier points again.
 */
abstract sealed class GaussianFamily implements ModelFamily<GaussianModel, GaussianData> permits BlockFamily, PointFamily {
    private static final int MIN_EIGENVALUE = GaussianMetric.MIN_EIGENVALUE.index();
    private static final int MAX_EIGENVALUE = GaussianMetric.MAX_EIGENVALUE.index();
    private static final int W2_SQUARED = GaussianMetric.W2_SQUARED.index();

    final GaussianSpec spec;
    final int d;
    final int stride;
    final Regime regime;
    final double[] mu0;
    final double[] u0;
    /** The user's points as D_0, or null. */
    final OriginalData data;
    final LxmLanes lanes = LxmLanes.unseeded();
    ChiSquareSampler chiSquare;
    UniformRandomProvider rng;
    private final GaussianMetrics measurement;
    /** False when no metric that needs the singular values is read ({@link #requireMetrics}). */
    private boolean spectral = true;

    GaussianFamily(GaussianSpec spec) {
        this.spec = spec;
        d = spec.dim();
        stride = MomentKernels.stride(d);
        regime = spec.regime();
        data = spec.data();
        mu0 = new double[stride];
        System.arraycopy(spec.mean(), 0, mu0, 0, d);
        final double[] cov = spec.covariance();
        u0 = new double[d * stride];
        Cholesky.factorUpper(padded(cov, d, stride), d, stride, d, u0);
        measurement = new GaussianMetrics(d, stride, mu0, cov);
    }

    /** @return the d x d row-major matrix {@code a} in rows of {@code stride} */
    static double[] padded(double[] a, int d, int stride) {
        final double[] p = new double[d * stride];
        for (int i = 0; i < d; i++) {
            System.arraycopy(a, i * d, p, i * stride, d);
        }
        return p;
    }

    @Override
    public final List<String> metricNames() {
        return GaussianMetric.NAMES;
    }

    @Override
    public final GaussianModel newModel() {
        return new GaussianModel(d, stride);
    }

    @Override
    public final void reset(UniformRandomProvider rng) {
        this.rng = rng;
        lanes.reseed(rng);
        chiSquare = new ChiSquareSampler(rng);
    }

    @Override
    public final void original(GaussianModel out) {
        out.set(mu0, u0);
    }

    /**
     * The end of a fit whose factor is in {@code model.u}: divides the scatter by the estimator's
     * divisor for n points, then renormalises.
     *
     * @param carried true if U is the previous factor times a triangular factor whose diagonal is
     *     {@code factorDiagonal} (replace), so that ln of the diagonal is carried as a sum; otherwise
     *     the fit's factor is in units of 2^{@code exponent} and ln of the diagonal is read from it
     */
    final void finishFit(GaussianModel model, long n, boolean carried, double[] factorDiagonal, long exponent) {
        final double scale = 1 / Math.sqrt(spec.estimator().divisor(n));
        final double[] u = model.u;
        for (int i = 0; i < d; i++) {
            for (int j = i; j < d; j++) {
                u[i * stride + j] *= scale;
            }
        }
        if (carried) {
            // U_{n+1} = A^T U_n / sqrt(D): triangular, so its diagonal is the product of the diagonals.
            final double logScale = Math.log(scale);
            for (int i = 0; i < d; i++) {
                model.logDiagonal[i] += Math.log(factorDiagonal[i * stride + i]) + logScale;
            }
        } else {
            model.exponent = exponent;
        }
        model.renormalise();
        if (!carried) {
            model.logDiagonalFromFactor();
        }
    }

    /** Without the smallest and largest eigenvalue and W2^2, no singular values are computed (their values are then NaN). */
    @Override
    public final void requireMetrics(BitSet needed) {
        spectral = needed.get(MIN_EIGENVALUE) || needed.get(MAX_EIGENVALUE) || needed.get(W2_SQUARED);
    }

    @Override
    public final void measure(GaussianModel model, boolean absorbed, double[] out) {
        measurement.measure(model.mu, model.u, model.clampedExponent(), model.logDiagonal, spectral, out);
    }

    /**
     * A covariance of exactly zero (every entry of U; never by underflow, see {@link GaussianModel#renormalise})
     * and, for the accumulating regimes, a pool without spread (it keeps every earlier point).
     */
    @Override
    public final boolean absorbing(GaussianModel model, GaussianData pool) {
        return model.zero() && (pool == null || !pool.hasSpread());
    }
}
