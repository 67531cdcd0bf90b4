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
        ids = new int[states];
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

    /** Replaces the contents with a copy of {@code other}. */
    void copyOf(WeightedSupport other) {
        clear();
        for (int i = 0; i < other.size; i++) {
            final int s = other.ids[i];
            ids[i] = s;
            weight[s] = other.weight[s];
        }
        size = other.size;
        total = other.total;
    }
}
