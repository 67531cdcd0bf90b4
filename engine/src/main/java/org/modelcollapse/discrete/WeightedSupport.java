package org.modelcollapse.discrete;

/**
 * Non-negative weights over K categories, with the list of categories whose weight is positive
 * kept alongside so that every operation costs O(listed categories), not O(K). Used for counts of
 * data (integral weights) and for model probabilities (unnormalised). Allocation-free after
 * construction.
 */
final class WeightedSupport {
    final double[] weight;
    final int[] ids;
    int size;
    double total;

    WeightedSupport(int states) {
        weight = new double[states];
        ids = new int[states + 1]; // one slack slot for the branch-free append in addCounts
    }

    /** Removes every weight, in O(size). */
    void clear() {
        for (int i = 0; i < size; i++) {
            weight[ids[i]] = 0;
        }
        size = 0;
        total = 0;
    }

    /** Adds {@code x} &gt;= 0 to category {@code state}. */
    void add(int state, double x) {
        if (x > 0) {
            if (weight[state] == 0) {
                ids[size++] = state;
            }
            weight[state] += x;
            total += x;
        }
    }

    /**
     * Adds {@code counts[i]} to category {@code categories[i]} for i &lt; n. Branch-free (whether a
     * count is zero is a coin flip in typical use, and a short-circuit {@code &&} here compiled to a
     * mispredicted branch that dominated per-sample draws), with an integral running total so that no floating-point addition
     * chains the iterations.
     *
     * @param categories Not modified; may be this support's own list.
     * @param counts Not modified.
     */
    void addCounts(int[] categories, int n, int[] counts) {
        int sz = size;
        long added = 0;
        for (int i = 0; i < n; i++) {
            final int s = categories[i];
            final int c = counts[i];
            ids[sz] = s;
            sz += (c != 0) & (weight[s] == 0) ? 1 : 0; // non-short-circuit: no branch
            weight[s] += c;
            added += c;
        }
        size = sz;
        total += added;
    }
}
