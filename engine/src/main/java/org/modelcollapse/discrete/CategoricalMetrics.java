package org.modelcollapse.discrete;

import java.util.List;

/**
 * The per-generation measurements of a categorical model p against the original q (SPEC §5), in
 * O(alive states): states outside p's support contribute to the distances only through the lost
 * mass 1 - sum of q over the support.
 */
final class CategoricalMetrics {
    static final int ALIVE = CategoricalMetric.ALIVE_STATES.index();
    static final int ENTROPY = CategoricalMetric.ENTROPY.index();
    static final int HETEROZYGOSITY = CategoricalMetric.HETEROZYGOSITY.index();
    static final int TOTAL_VARIATION = CategoricalMetric.TV_DISTANCE.index();
    static final int KL = CategoricalMetric.KL_DIVERGENCE.index();
    static final int LOST_MASS = CategoricalMetric.LOST_MASS.index();
    static final int MAX_PROBABILITY = CategoricalMetric.MAX_PROBABILITY.index();
    static final int ABSORBED = CategoricalMetric.ABSORBED.index();

    /** Column names, in index order. */
    static final List<String> NAMES = CategoricalMetric.NAMES;

    /** w ln w for integer w below this come from a table. */
    private static final int TABLE_SIZE = 1 << 16;
    private static final double[] X_LN_X = new double[TABLE_SIZE];

    static {
        for (int w = 1; w < TABLE_SIZE; w++) {
            X_LN_X[w] = w * Math.log(w);
        }
    }

    private CategoricalMetrics() {}

    /**
     * @param model Not modified. p = weight / total.
     * @param integral true if the weights are integers (enables the w ln w table)
     * @param q Not modified. The original distribution.
     * @param lnQ Not modified. ln q_j (negative infinity where q_j = 0).
     * @param originalSupport number of states with q_j &gt; 0: a model with as many alive states has lost nothing
     * @param out Modified: indices {@link #ALIVE}..{@link #MAX_PROBABILITY}.
     */
    static void measure(WeightedSupport model, boolean integral, double[] q, double[] lnQ, int originalSupport, double[] out) {
        if (integral && model.total < TABLE_SIZE) {
            measureCounts(model, q, lnQ, originalSupport, out);
        } else {
            measureWeights(model, integral, q, lnQ, originalSupport, out);
        }
    }

    /**
     * {@link #measure} for counts below the table's size: w ln w from the table, the largest count
     * as an int. TV is sum |w - q N| / N: no division inside the loop, whose sums then do not wait
     * for 1 / N.
     */
    private static void measureCounts(WeightedSupport model, double[] q, double[] lnQ, int originalSupport, double[] out) {
        final double total = model.total;
        final double inv = 1 / total;
        final int[] ids = model.ids;
        final double[] weight = model.weight;
        double sumWLnW = 0;
        double sumW2 = 0;
        int maxCount = 0;
        double absDeviation = 0;
        double aliveQ = 0;
        double sumWLnQ = 0;
        for (int i = 0; i < model.size; i++) {
            final int s = ids[i];
            final int count = (int) weight[s];
            final double w = count;
            sumWLnW += X_LN_X[count];
            sumW2 += w * w;
            maxCount = Math.max(maxCount, count);
            absDeviation += Math.abs(w - q[s] * total);
            aliveQ += q[s];
            sumWLnQ += w * lnQ[s];
        }
        // ln N = (N ln N) / N from the table: a division costs less than a logarithm.
        final double lnTotal = X_LN_X[(int) total] * inv;
        write(model.size, inv, lnTotal, sumWLnW, sumW2, maxCount, absDeviation, aliveQ, sumWLnQ, originalSupport, out);
    }

    /**
     * {@link #measure} for any weights: w ln w from the table where integral weights are within its
     * range. Also the measurement of q itself, at a chain's construction: that call comes here
     * directly, so that the per-generation dispatch above never sees it (a second worker's new
     * chain would otherwise take a branch that the compiled dispatch had never seen, and throw it
     * away while the first worker runs it).
     */
    static void measureWeights(WeightedSupport model, boolean integral, double[] q, double[] lnQ, int originalSupport, double[] out) {
        final double total = model.total;
        final int[] ids = model.ids;
        final double[] weight = model.weight;
        double sumWLnW = 0;
        double sumW2 = 0;
        double maxW = 0;
        double absDeviation = 0;
        double aliveQ = 0;
        double sumWLnQ = 0;
        for (int i = 0; i < model.size; i++) {
            final int s = ids[i];
            final double w = weight[s];
            sumWLnW += integral && w < TABLE_SIZE ? X_LN_X[(int) w] : w * Math.log(w);
            sumW2 += w * w;
            maxW = Math.max(maxW, w);
            absDeviation += Math.abs(w - q[s] * total);
            aliveQ += q[s];
            sumWLnQ += w * lnQ[s];
        }
        write(model.size, 1 / total, Math.log(total), sumWLnW, sumW2, maxW, absDeviation, aliveQ, sumWLnQ, originalSupport, out);
    }

    /** The metrics from the sums over the alive states (weights w, total N = 1 / inv). */
    private static void write(int alive, double inv, double lnTotal, double sumWLnW, double sumW2, double maxW,
            double absDeviation, double aliveQ, double sumWLnQ, int originalSupport, double[] out) {
        // 1 - sum q over the alive states, exactly 0 while every original state is alive.
        final double lost = alive >= originalSupport ? 0 : Math.max(0, 1 - aliveQ);
        out[ALIVE] = alive;
        out[ENTROPY] = Math.max(0, lnTotal - sumWLnW * inv);
        out[HETEROZYGOSITY] = Math.max(0, 1 - sumW2 * inv * inv);
        out[TOTAL_VARIATION] = 0.5 * (absDeviation * inv + lost);
        out[KL] = Math.max(0, (sumWLnW - sumWLnQ) * inv - lnTotal);
        out[LOST_MASS] = lost;
        out[MAX_PROBABILITY] = maxW * inv;
    }
}
