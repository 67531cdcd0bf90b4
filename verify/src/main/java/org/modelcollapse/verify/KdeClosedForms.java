package org.modelcollapse.verify;

import org.modelcollapse.process.Regime;
import org.modelcollapse.process.SampleSizeSchedule;

/**
 * Closed-form expectations of the KDE chain's data_variance and mean_sq_distance (docs/theory.md KDE, SPEC
 * §6 K1), for a fixed bandwidth h and D_0 drawn from a distribution of mean per-coordinate variance v0, in the
 * replace and accumulate regimes; used by {@link KdeVerification} and the plots. Generation t is the t-th fit,
 * the first on D_0, so the model of generation g &gt;= 1 has the centres D_{g-1}: its metrics estimate E S_{g-1}
 * and Q_{g-1} = E||m_{g-1} - mu_0||^2, with S the biased per-coordinate variance and m the mean of the data.
 * D_t holds M_t = {@code sizes.sizeAt(t)} points (accumulate: M_t new points join the pool).
 * <ul>
 *   <li>replace: E S_0 = (1 - 1/M_0) v0, E S_{t+1} = (1 - 1/M_{t+1})(E S_t + h^2); Q_0 = d v0/M_0,
 *   Q_{t+1} = Q_t + d (E S_t + h^2)/M_{t+1}.</li>
 *   <li>accumulate, pool of n points: E S' = [n E S + M (E S + h^2)(1 - 1/(n + M))]/(n + M),
 *   Q' = Q + d M (E S + h^2)/(n + M)^2, from n = M_0.</li>
 * </ul>
 */
public final class KdeClosedForms {
    private KdeClosedForms() {}

    /** @return true if the forms apply: replace or accumulate (mix and subsampling have none here) */
    public static boolean applies(Regime regime) {
        return regime.kind() == Regime.Kind.REPLACE || regime.kind() == Regime.Kind.ACCUMULATE;
    }

    /**
     * @param v0 the original's mean per-coordinate variance (data_variance at generation 0)
     * @return [0] E data_variance and [1] E mean_sq_distance at generations 0..last, or null where {@link #applies} is false
     */
    public static double[][] curves(double v0, int d, double h, SampleSizeSchedule sizes, Regime regime, int last) {
        if (!applies(regime)) {
            return null;
        }
        final double[] variance = new double[last + 1];
        final double[] distance = new double[last + 1];
        variance[0] = v0;
        final double m0 = sizes.sizeAt(0);
        double s = (1 - 1 / m0) * v0;
        double q = d * v0 / m0;
        double n = m0;
        for (int g = 1; g <= last; g++) {
            variance[g] = s;
            distance[g] = q;
            if (g == last) {
                break; // D_last is never drawn (and its size may exceed the int range)
            }
            final double m = sizes.sizeAt(g);
            final double spread = s + h * h;
            if (regime.kind() == Regime.Kind.REPLACE) {
                q += d * spread / m;
                s = (1 - 1 / m) * spread;
            } else {
                q += d * m * spread / ((n + m) * (n + m));
                s = (n * s + m * spread * (1 - 1 / (n + m))) / (n + m);
                n += m;
            }
        }
        return new double[][] {variance, distance};
    }
}
