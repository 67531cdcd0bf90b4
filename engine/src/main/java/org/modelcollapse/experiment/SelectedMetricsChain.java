package org.modelcollapse.experiment;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;

/**
 * A chain that reports only some of another chain's metrics (a run's {@code --metrics}), in the
 * other's order, and tells it which it needs ({@link Chain#requireMetrics}), so that it may skip the
 * work of the rest: a Gaussian run without eigenvalues and W2 computes no singular values.
 * Allocation-free per generation.
 */
public final class SelectedMetricsChain implements Chain {
    private final Chain chain;
    private final int[] selected;
    private final List<String> names;
    private final double[] values;

    private SelectedMetricsChain(Chain chain, int[] selected) {
        this.chain = chain;
        this.selected = selected;
        final List<String> all = chain.metricNames();
        final List<String> chosen = new ArrayList<>();
        final BitSet needed = new BitSet(all.size());
        for (int k : selected) {
            chosen.add(all.get(k));
            needed.set(k);
        }
        names = List.copyOf(chosen);
        values = new double[selected.length];
        chain.requireMetrics(needed);
    }

    /**
     * @param chain the chain measured
     * @param metrics names among {@code chain.metricNames()}, each once, in any order (reported in the chain's order)
     * @return the chain itself when every metric is selected, else a chain reporting the selection
     * @throws IllegalArgumentException for an unknown or repeated name, or none
     */
    public static Chain of(Chain chain, List<String> metrics) {
        final List<String> all = chain.metricNames();
        final BitSet chosen = new BitSet(all.size());
        for (String m : metrics) {
            final int k = all.indexOf(m);
            if (k < 0 || chosen.get(k)) {
                throw new IllegalArgumentException((k < 0 ? "unknown" : "repeated") + " metric " + m + "; the metrics are " + all);
            }
            chosen.set(k);
        }
        if (chosen.isEmpty()) {
            throw new IllegalArgumentException("no metric selected; the metrics are " + all);
        }
        return chosen.cardinality() == all.size() ? chain : new SelectedMetricsChain(chain, chosen.stream().toArray());
    }

    @Override
    public List<String> metricNames() {
        return names;
    }

    @Override
    public void reset(UniformRandomProvider rng) {
        chain.reset(rng);
    }

    @Override
    public void step() {
        chain.step();
    }

    @Override
    public int generation() {
        return chain.generation();
    }

    @Override
    public boolean absorbed() {
        return chain.absorbed();
    }

    @Override
    public int absorbedAt() {
        return chain.absorbedAt();
    }

    @Override
    public int absorbingState() {
        return chain.absorbingState();
    }

    @Override
    public double[] metrics() {
        final double[] all = chain.metrics();
        for (int i = 0; i < selected.length; i++) {
            values[i] = all[selected[i]];
        }
        return values;
    }
}
