package org.modelcollapse.discrete;

import org.modelcollapse.process.DataSummary;

/**
 * A categorical data set as counts per state; the accumulate-subsample pool in samples mode also
 * keeps one label per point, in the order drawn (reordered by each subsample), so that its draws
 * without replacement are made point by point.
 */
final class CategoricalData implements DataSummary {
    final WeightedSupport counts;
    int[] labels = new int[0];
    int labelled;

    CategoricalData(int states) {
        counts = new WeightedSupport(states);
    }

    @Override
    public void clear() {
        counts.clear();
        labelled = 0;
    }

    /** Appends {@code c} labels of state {@code s}, growing the list by doubling. */
    void appendLabels(int s, int c) {
        if (labels.length < labelled + c) {
            labels = java.util.Arrays.copyOf(labels, Math.max(labelled + c, 2 * labels.length));
        }
        java.util.Arrays.fill(labels, labelled, labelled + c, s);
        labelled += c;
    }
}
