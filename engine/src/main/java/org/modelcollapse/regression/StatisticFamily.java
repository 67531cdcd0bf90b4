package org.modelcollapse.regression;

import org.modelcollapse.linalg.Cholesky;
import org.modelcollapse.process.Regime;

/**
 * The exact path: a generation's least-squares statistics X^T X and X^T y drawn directly, never its
 * rows, so that a generation costs O(d^2) with a fixed design and O(d^3) with a fresh one, whatever T.
 * Given n rows with Gram matrix G = F F^T, X^T y = G w + sigma X^T eps and X^T eps ~ N(0, G), so
 * X^T y = F (F^T w + sigma xi) with xi ~ N(0, I_d).
 * <ul>
 *   <li>Fixed design: the replicate's rows are split once into the model's block (the first
 *   round(alpha T) rows; all T outside mix) and the fresh block (the rest), whose Gram factors are drawn
 *   once per replicate as independent Wishart_d(rows, Sigma_x) factors ({@link WishartFactor}). Every
 *   generation's data are one copy of the design, and accumulate's pool k copies: its Gram matrix is k G
 *   and OLS is w = G^-1 (X^T y) / k, from one Cholesky factor of G per replicate (Gerstgrasser et al.
 *   2024: w_t = w_(t-1) + X^+ eps_t / t).</li>
 *   <li>Fresh design: each block's Gram factor drawn anew, the Gram matrices summed, and the fit
 *   solved by Cholesky.</li>
 * </ul>
 * Ridge solves (k G + lambda I) w = X^T y by a Cholesky factorisation per generation. Resampling and
 * subsampling need rows: {@link RegressionSpec#exactUnavailable} keeps those regimes out.
 */
final class StatisticFamily extends RegressionFamily {
    private final int rows;
    /** Rows of the fixed design's model block. */
    private final int modelRows;
    private final double[] modelFactor;
    private final double[] freshFactor;
    /** The fixed design's Gram matrix G and its upper factor U (U^T U = G). */
    private final double[] gram;
    private final double[] upper;
    private final double[] bartlett;
    private final double[] scratch;
    private final double[] system;
    private final double[] v;

    StatisticFamily(RegressionSpec spec) {
        super(spec);
        rows = spec.samples().sizeAt(0);
        modelRows = spec.regime().kind() == Regime.Kind.MIX ? spec.regime().modelPoints(rows) : rows;
        modelFactor = new double[d * d];
        freshFactor = new double[d * d];
        gram = new double[d * d];
        upper = new double[d * d];
        bartlett = new double[d * d];
        scratch = new double[d * d];
        system = new double[d * d];
        v = new double[d];
    }

    @Override
    void startReplicate() {
        if (spec.design() != Design.FIXED) {
            return;
        }
        WishartFactor.draw(modelRows, d, lowerSigma, chi, normal, bartlett, modelFactor);
        WishartFactor.draw(rows - modelRows, d, lowerSigma, chi, normal, bartlett, freshFactor);
        java.util.Arrays.fill(gram, 0);
        addGram(modelFactor, gram);
        addGram(freshFactor, gram);
        if (spec.ridge() == 0) {
            Cholesky.factorUpper(gram, d, d, d, upper);
        }
    }

    @Override
    void addRows(double[] weights, int n, RegressionData out) {
        if (n == 0) {
            return;
        }
        final double[] factor;
        if (spec.design() == Design.FIXED) {
            final int offset = out.count % rows;
            if (offset == 0 && n == modelRows) {
                factor = modelFactor;
            } else if (offset == modelRows && n == rows - modelRows) {
                factor = freshFactor;
            } else {
                throw new IllegalStateException("a fixed design's exact statistics come in its two blocks, not rows " + offset + ".." + (offset + n));
            }
        } else {
            WishartFactor.draw(n, d, lowerSigma, chi, normal, bartlett, scratch);
            addGram(scratch, out.gram);
            factor = scratch;
        }
        // v = F^T w + sigma xi, then X^T y += F v.
        for (int j = 0; j < d; j++) {
            double s = sigma * normal.sample();
            for (int i = j; i < d; i++) {
                s += factor[i * d + j] * weights[i];
            }
            v[j] = s;
        }
        for (int i = 0; i < d; i++) {
            double s = 0;
            for (int j = 0; j <= i; j++) {
                s += factor[i * d + j] * v[j];
            }
            out.xty[i] += s;
        }
        out.count += n;
    }

    /** g += F F^T. */
    private void addGram(double[] factor, double[] g) {
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                double s = 0;
                for (int k = 0; k <= Math.min(i, j); k++) {
                    s += factor[i * d + k] * factor[j * d + k];
                }
                g[i * d + j] += s;
            }
        }
    }

    @Override
    public void fit(RegressionData data, Weights out) {
        out.advance();
        if (spec.design() == Design.FIXED) {
            final double copies = (double) data.count / rows;
            if (spec.ridge() == 0) {
                solve(upper, data.xty, out.w);
                for (int k = 0; k < d; k++) {
                    out.w[k] /= copies;
                }
                return;
            }
            for (int i = 0; i < d * d; i++) {
                system[i] = copies * gram[i];
            }
        } else {
            System.arraycopy(data.gram, 0, system, 0, d * d);
        }
        for (int k = 0; k < d; k++) {
            system[k * d + k] += spec.ridge();
        }
        Cholesky.factorUpper(system, d, d, d, scratch);
        solve(scratch, data.xty, out.w);
    }

    /** Solves U^T U w = b; a zero pivot (a singular Gram matrix) gives weight 0 there. */
    private void solve(double[] u, double[] b, double[] w) {
        for (int i = 0; i < d; i++) {
            double s = b[i];
            for (int k = 0; k < i; k++) {
                s -= u[k * d + i] * w[k];
            }
            w[i] = u[i * d + i] > 0 ? s / u[i * d + i] : 0;
        }
        for (int i = d - 1; i >= 0; i--) {
            double s = w[i];
            for (int k = i + 1; k < d; k++) {
                s -= u[i * d + k] * w[k];
            }
            w[i] = u[i * d + i] > 0 ? s / u[i * d + i] : 0;
        }
    }

    @Override
    public void resample(RegressionData from, int n, RegressionData out) {
        if (n == 0) {
            return;
        }
        throw new IllegalStateException("exact statistics cannot be resampled: rows are needed (samples mode)");
    }

    @Override
    public void subsample(RegressionData pool, int n, RegressionData out) {
        if (n == 0) {
            return;
        }
        throw new IllegalStateException("exact statistics cannot be subsampled: rows are needed (samples mode)");
    }
}
