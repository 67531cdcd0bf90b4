package org.modelcollapse.discrete;

import org.apache.commons.rng.UniformRandomProvider;
import org.modelcollapse.random.AliasTable;

/**
 * Draws curated points ({@link Curation}): for each of m points, K candidates from an alias table of
 * the source, then one of them with probability proportional to e^(r): the candidates' weights
 * e^(r - max r) are precomputed per state, and one more uniform picks among the K by their running sum.
 * O(m K) table draws and O(source states) to build the table and collect the counts. Consumes
 * K + 1 {@code nextDouble()} per point. Allocation-free after construction.
 */
final class BradleyTerrySelection {
    /**
     * Below this sum of strengths a candidate's e^(r - max r) may have underflowed or lost bits as a
     * subnormal while another's has not; above it, any lost candidate is below 2^-100 of the sum.
     */
    private static final double NORMAL_SUM = 0x1p-900;

    private final int candidates;
    private final double[] rewards;
    /** e^(r_s - max r): in (0, 1], or 0 for a reward more than ~745 below the largest. */
    private final double[] strength;
    private final int[] chosen;
    private final int[] tally;
    private final int[] drawn;
    private final AliasTable table = AliasTable.create();

    BradleyTerrySelection(Curation curation) {
        candidates = curation.candidates();
        rewards = curation.rewards();
        double max = Double.NEGATIVE_INFINITY;
        for (double r : rewards) {
            max = Math.max(max, r);
        }
        strength = new double[rewards.length];
        for (int s = 0; s < rewards.length; s++) {
            strength[s] = Math.exp(rewards[s] - max);
        }
        chosen = new int[candidates];
        tally = new int[rewards.length];
        drawn = new int[rewards.length];
    }

    /**
     * Adds {@code m} curated points to {@code dest}.
     *
     * @param source Not modified. Candidates are drawn with probabilities weight / total.
     * @param prebuilt an alias table already built over {@code source}, or null
     * @param dest Modified: receives the points.
     */
    void draw(int m, WeightedSupport source, AliasTable prebuilt, UniformRandomProvider rng, WeightedSupport dest) {
        if (m == 0) {
            return;
        }
        if (source.size == 1) {
            dest.add(source.ids[0], m); // every candidate is that state
            return;
        }
        AliasTable t = prebuilt;
        if (t == null) {
            table.build(source.ids, source.size, source.weight, source.total);
            t = table;
        }
        for (int point = 0; point < m; point++) {
            double sum = 0;
            for (int c = 0; c < candidates; c++) {
                final int s = t.sample(rng.nextDouble());
                chosen[c] = s;
                sum += strength[s];
            }
            tally[sum >= NORMAL_SUM ? pick(sum * rng.nextDouble()) : pickFarBelow(rng.nextDouble())]++;
        }
        for (int i = 0; i < source.size; i++) {
            final int s = source.ids[i];
            drawn[i] = tally[s];
            tally[s] = 0;
        }
        dest.addCounts(source.ids, source.size, drawn);
    }

    /** @return the candidate at which the running sum of strengths first exceeds {@code u} */
    private int pick(double u) {
        double run = 0;
        for (int c = 0; c < candidates - 1; c++) {
            run += strength[chosen[c]];
            if (u < run) {
                return chosen[c];
            }
        }
        return chosen[candidates - 1];
    }

    /**
     * The candidates' rewards are so far below the largest reward that e^(r - max r) may have
     * underflowed: the choice is made again relative to the candidates' own largest reward. A rare branch, kept out of
     * the loop.
     */
    private int pickFarBelow(double u) {
        double top = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < candidates; c++) {
            top = Math.max(top, rewards[chosen[c]]);
        }
        double sum = 0;
        for (int c = 0; c < candidates; c++) {
            sum += Math.exp(rewards[chosen[c]] - top);
        }
        double run = 0;
        final double target = u * sum;
        for (int c = 0; c < candidates - 1; c++) {
            run += Math.exp(rewards[chosen[c]] - top);
            if (target < run) {
                return chosen[c];
            }
        }
        return chosen[candidates - 1];
    }
}
