package org.modelcollapse.verify;

import java.util.function.IntToDoubleFunction;
import java.util.stream.IntStream;
import org.apache.commons.numbers.gamma.Digamma;
import org.apache.commons.numbers.gamma.LogGamma;
import org.modelcollapse.gaussian.Estimator;
import org.modelcollapse.process.Regime;
import org.modelcollapse.process.SampleSizeSchedule;

/**
 * Closed-form expectations of the metrics per generation (docs/theory.md), for the plots: each returns
 * the curve at generations 0..last, or null where the run's settings have none. Generation-0 values come
 * from the run itself (generation 0 is the original), so a finished run's files are enough to draw them.
 */
public final class ClosedForms {
    private ClosedForms() {}

    /**
     * Categorical heterozygosity E[1 - sum p_n^2]: C2 in replace, (1 - sum q^2) prod_{i<n} (1 - 1/M_i);
     * C6 with fresh data (F_{n+1} = [a(a-1)F_n + M + (2ac + c^2 - c) sum q^2]/M^2, c fresh points, a the
     * rest: without smoothing a point resampled from the data the model was fitted to is distributed as a
     * model point). None with smoothing or an accumulating regime.
     *
     * @param h0 the heterozygosity of q (generation 0)
     */
    public static double[] heterozygosity(double h0, SampleSizeSchedule sizes, Regime regime, double smoothing, int last) {
        if (smoothing != 0 || regime.keepsEarlierData()) {
            return null;
        }
        final double s2 = 1 - h0;
        final double[] h = new double[last + 1];
        double f = s2;
        for (int n = 0; n <= last; n++) {
            h[n] = 1 - f;
            if (n == last) {
                break; // M_last is never drawn (and may exceed the int range)
            }
            final double m = sizes.sizeAt(n);
            final double c = regime.freshPoints(sizes.sizeAt(n));
            final double a = m - c;
            f = (a * (a - 1) * f + m + (2 * a * c + c * c - c) * s2) / (m * m);
        }
        return h;
    }

    /** @return true if the Gaussian forms below apply: replace, a constant sample size, D_0 = N(mu_0, Sigma_0) */
    private static boolean gaussianReplace(SampleSizeSchedule sizes, Regime regime, boolean userData) {
        return regime.kind() == Regime.Kind.REPLACE && sizes.kind() == SampleSizeSchedule.Kind.CONSTANT && !userData;
    }

    /** E tr Sigma_n = tr Sigma_0 ((M - 1)/D)^n, D the estimator's divisor (M - 1 or M). */
    public static IntToDoubleFunction trace(double trace0, SampleSizeSchedule sizes, Regime regime, Estimator estimator, boolean userData) {
        if (!gaussianReplace(sizes, regime, userData)) {
            return null;
        }
        final int m = sizes.base();
        final double growth = (m - 1.0) / estimator.divisor(m);
        return n -> trace0 * Math.pow(growth, n);
    }

    /** N3, N7: E||mu_n - mu_0||^2 = tr Sigma_0 sum_{k&lt;n} ((M-1)/D)^k / M. */
    public static IntToDoubleFunction meanSquaredDistance(double trace0, SampleSizeSchedule sizes, Regime regime, Estimator estimator,
                                                          boolean userData) {
        if (!gaussianReplace(sizes, regime, userData)) {
            return null;
        }
        final int m = sizes.base();
        final double growth = (m - 1.0) / estimator.divisor(m);
        return n -> trace0 / m * (growth == 1 ? n : (1 - Math.pow(growth, n)) / (1 - growth));
    }

    /** N4: E ln det Sigma_n = ln det Sigma_0 + n sum_{i=1..d} [psi((M - i)/2) + ln(2/D)]; none once M - 1 &lt; d (then -infinity). */
    public static IntToDoubleFunction logDet(double logDet0, int d, SampleSizeSchedule sizes, Regime regime, Estimator estimator, boolean userData) {
        if (!gaussianReplace(sizes, regime, userData) || sizes.base() - 1 < d) {
            return null;
        }
        final int m = sizes.base();
        double perGeneration = 0;
        for (int i = 1; i <= d; i++) {
            perGeneration += Digamma.value((m - i) / 2.0) + Math.log(2.0 / estimator.divisor(m));
        }
        final double step = perGeneration;
        return n -> logDet0 + n * step;
    }

    /**
     * One dimension (N1, N6): E W2^2 = E(mu_n - mu_0)^2 + E sigma_n^2 - 2 sigma_0 E sigma_n + sigma_0^2, with
     * E sigma_n = sigma_0 (c4(M) sqrt((M-1)/D))^n.
     */
    public static IntToDoubleFunction w2Squared(double var0, int d, SampleSizeSchedule sizes, Regime regime, Estimator estimator, boolean userData) {
        if (!gaussianReplace(sizes, regime, userData) || d != 1) {
            return null;
        }
        final int m = sizes.base();
        final double growth = (m - 1.0) / estimator.divisor(m);
        final double sigmaFactor = c4(m) * Math.sqrt(growth);
        final IntToDoubleFunction distance = meanSquaredDistance(var0, sizes, regime, estimator, false);
        return n -> distance.applyAsDouble(n) + var0 * Math.pow(growth, n) - 2 * var0 * Math.pow(sigmaFactor, n) + var0;
    }

    /** @return the curve f(0..last), or null for none */
    public static double[] curve(IntToDoubleFunction f, int last) {
        return f == null ? null : IntStream.rangeClosed(0, last).mapToDouble(f).toArray();
    }

    /** @return c4(M) = sqrt(2/(M-1)) Gamma(M/2)/Gamma((M-1)/2), E s = c4 sigma for the sample standard deviation */
    public static double c4(int m) {
        return Math.sqrt(2.0 / (m - 1)) * Math.exp(LogGamma.value(m / 2.0) - LogGamma.value((m - 1) / 2.0));
    }
}
