package org.modelcollapse.discrete;

import java.util.List;

/**
 * The per-generation measurements of a categorical model p against the original q (SPEC §5), in
 * O(alive states): states outside p's support contribute to the distances only through the lost
 * mass 1 - sum of q over the support.
 */
final class CategoricalMetrics {
    static final int ALIVE = 0;
    static final int ENTROPY = 1;
    static final int HETEROZYGOSITY = 2;
    static final int TOTAL_VARIATION = 3;
    static final int KL = 4;
    static final int LOST_MASS = 5;
    static final int MAX_PROBABILITY = 6;
    static final int ABSORBED = 7;

    /** Column names, in index order. */
    static final List<String> NAMES = List.of("alive_states", "entropy", "heterozygosity", "tv_distance",
            "kl_divergence", "lost_mass", "max_probability", "absorbed");

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
        final double total = model.total;
        final double inv = 1 / total;
        final int[] ids = model.ids;
        final double[] weight = model.weight;
        double sumWLnW = 0;
        double sumW2 = 0;
        double maxW;
        double absDeviation = 0;
        double aliveQ = 0;
        double sumWLnQ = 0;
        final double lnTotal;
        // TV is sum |w - q N| / N: no division inside the loop, whose sums then do not wait for 1 / N.
        if (integral && total < TABLE_SIZE) {
            // Counts below the table's size: w ln w from the table, the largest count as an int.
            int maxCount = 0;
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
            maxW = maxCount;
            // ln N = (N ln N) / N from the table: a division costs less than a logarithm.
            lnTotal = X_LN_X[(int) total] * inv;
        } else {
            // Other weights, or counts of more than the table's range: w ln w from the table where it reaches.
            maxW = 0;
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
            lnTotal = Math.log(total);
        }
        // 1 - sum q over the alive states, exactly 0 while every original state is alive.
        final double lost = model.size >= originalSupport ? 0 : Math.max(0, 1 - aliveQ);
        out[ALIVE] = model.size;
        out[ENTROPY] = Math.max(0, lnTotal - sumWLnW * inv);
        out[HETEROZYGOSITY] = Math.max(0, 1 - sumW2 * inv * inv);
        out[TOTAL_VARIATION] = 0.5 * (absDeviation * inv + lost);
        out[KL] = Math.max(0, (sumWLnW - sumWLnQ) * inv - lnTotal);
        out[LOST_MASS] = lost;
        out[MAX_PROBABILITY] = maxW * inv;
    }
}
