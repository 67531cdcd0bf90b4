package org.modelcollapse.verify;

import java.util.function.IntToDoubleFunction;
import org.modelcollapse.process.Regime;
import org.modelcollapse.regression.Design;

/**
 * SPEC §6 R1, R2 and R4 as curves over generations (docs/theory.md, linear regression): generation t is
 * the t-th fit, the first on real labels, and B = sigma^2 d / (T - d - 1) is the first OLS fit's expected
 * excess risk, for x ~ N(0, Sigma_x), whatever Sigma_x.
 */
public final class RegressionClosedForms {
    private RegressionClosedForms() {}

    /** @return B = sigma^2 d / (T - d - 1), finite for T &gt;= d + 2 */
    public static double firstFitError(double noiseVariance, int d, int rows) {
        return noiseVariance * d / (rows - d - 1);
    }

    /** @return sum_{i&lt;=t} 1/i^2, which tends to pi^2/6 */
    public static double inverseSquares(int t) {
        double sum = 0;
        for (int i = t; i >= 1; i--) {
            sum += 1.0 / ((double) i * i);
        }
        return sum;
    }

    /**
     * E ||w_t - w*||^2_Sigma for OLS with a constant T &gt;= d + 2: R1 t B (replace, fixed or fresh design), R2 B sum 1/i^2
     * (accumulate, fixed design).
     *
     * @return the curve, or null where no closed form holds (other regimes, fresh accumulate's inequality R3, ridge)
     */
    public static IntToDoubleFunction excessRisk(double noiseVariance, int d, int rows, Design design, Regime regime) {
        final double b = firstFitError(noiseVariance, d, rows);
        return switch (regime.kind()) {
            case REPLACE -> t -> t * b;
            case ACCUMULATE -> design == Design.FIXED ? t -> b * inverseSquares(t) : null;
            default -> null;
        };
    }

    /**
     * R4: minimum-norm refits of T &lt; d noise-free fresh rows x ~ N(0, I): E ||w_n - w*||^2 = ||w*||^2 (1 - (T/d)^n).
     *
     * @param trueNormSquared ||w*||^2, or its expectation d when w* ~ N(0, I_d) per replicate
     */
    public static IntToDoubleFunction forgetting(double trueNormSquared, int d, int rows) {
        return n -> trueNormSquared * (1 - Math.pow((double) rows / d, n));
    }
}
