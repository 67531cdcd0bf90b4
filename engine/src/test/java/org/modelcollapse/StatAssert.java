package org.modelcollapse;

import static org.junit.jupiter.api.Assertions.fail;

import org.apache.commons.statistics.distribution.ChiSquaredDistribution;
import org.apache.commons.statistics.distribution.NormalDistribution;
import org.apache.commons.statistics.inference.KolmogorovSmirnovTest;

/**
 * Statistical assertions with a stated false-alarm rate (SPEC §7). Every statistical check in a
 * module's suite runs at {@link #ALPHA}; with fewer than 1,000 checks per suite the Bonferroni
 * bound puts the suite's family-wise false-alarm rate below 1e-3.
 */
public final class StatAssert {
    /** Per-check false-alarm probability. */
    public static final double ALPHA = 1e-6;
    /** Two-sided z for {@link #ALPHA}: 4.89. */
    public static final double Z = NormalDistribution.of(0, 1).inverseSurvivalProbability(ALPHA / 2);

    private StatAssert() {}

    /**
     * Pearson chi-square goodness of fit; bins with expected count below 5 are pooled with their
     * neighbours (in order) so the chi-square approximation holds.
     *
     * @param observed counts per outcome
     * @param probabilities exact probabilities per outcome (summing to 1 up to the pooled tail)
     */
    public static void chiSquareFits(String what, long seed, long[] observed, double[] probabilities) {
        long n = 0;
        for (long o : observed) {
            n += o;
        }
        final double[] exp = new double[observed.length];
        final long[] obs = new long[observed.length];
        int bins = 0;
        for (int i = 0; i < observed.length; i++) {
            exp[bins] += probabilities[i] * n;
            obs[bins] += observed[i];
            if (exp[bins] >= 5) {
                bins++;
            }
        }
        if (bins < observed.length && (exp[bins] > 0 || obs[bins] > 0)) {
            if (bins == 0) {
                bins = 1;
            } else {
                exp[bins - 1] += exp[bins];
                obs[bins - 1] += obs[bins];
            }
        }
        if (bins < 2) {
            return; // a single bin holds everything: nothing to test
        }
        double stat = 0;
        for (int b = 0; b < bins; b++) {
            stat += (obs[b] - exp[b]) * (obs[b] - exp[b]) / exp[b];
        }
        final double p = ChiSquaredDistribution.of(bins - 1).survivalProbability(stat);
        if (p < ALPHA) {
            fail(what + ": chi-square " + stat + " on " + (bins - 1) + " df, p = " + p + " < " + ALPHA + " (seed " + seed + ")");
        }
    }

    /** |observed - expected| &lt;= Z se. */
    public static void withinZ(String what, long seed, double observed, double expected, double se) {
        final double z = (observed - expected) / se;
        if (!(Math.abs(z) <= Z)) {
            fail(what + ": observed " + observed + ", expected " + expected + ", se " + se + ", z = " + z
                    + " beyond " + Z + " (seed " + seed + ")");
        }
    }

    /** One-sample Kolmogorov–Smirnov test of {@code sample} against {@code cdf} at {@link #ALPHA}. */
    public static void ksFits(String what, long seed, double[] sample, java.util.function.DoubleUnaryOperator cdf) {
        final KolmogorovSmirnovTest.OneResult result = KolmogorovSmirnovTest.withDefaults().test(sample, cdf);
        if (!(result.getPValue() >= ALPHA)) {
            fail(what + ": Kolmogorov-Smirnov D = " + result.getStatistic() + " on " + sample.length + " values, p = "
                    + result.getPValue() + " < " + ALPHA + " (seed " + seed + ")");
        }
    }
}
