package org.modelcollapse.experiment;

import org.apache.commons.rng.UniformRandomProvider;

/**
 * One replicate of a generational process: a model fitted to data, refitted to its own samples
 * each generation. An experiment drives many chains (one per replicate, reused through
 * {@link #reset}); an embedding simulation may drive one itself, a generation at a time.
 *
 * <p>Metrics are measured on the current model at every generation, generation 0 being the
 * original distribution (SPEC §2 numbering). Once {@link #absorbed()} is true the model can no
 * longer change and its metrics stay constant.
 */
public interface Chain {
    /** @return names of the metrics of {@link #metrics()}, in order; never changes */
    java.util.List<String> metricNames();

    /**
     * Restarts at generation 0 with a new random stream.
     *
     * @param rng the replicate's stream; consumed by later steps
     */
    void reset(UniformRandomProvider rng);

    /** Advances one generation: draws the data, fits the next model, measures it. */
    void step();

    /** @return the current generation n (0 after reset) */
    int generation();

    /** @return true once the model is in an absorbing state */
    boolean absorbed();

    /** @return the generation at which the chain was absorbed, or -1 */
    int absorbedAt();

    /** @return the state (category) the chain was absorbed into, or -1 if none or not applicable */
    int absorbingState();

    /**
     * The current generation's metrics without a copy, for callers that read them every generation
     * (the runner): {@code metricNames().size()} values in an array the chain owns and overwrites.
     *
     * @return Not to be modified; valid until the next {@link #step} or {@link #reset}.
     */
    double[] metrics();

    /**
     * Says which metrics will be read ({@link SelectedMetricsChain}): a chain may then skip the work
     * of the others, whose values in {@link #metrics()} become unspecified. Called before the first
     * step; by default every metric is computed.
     *
     * @param needed indices into {@link #metricNames()}
     */
    default void requireMetrics(java.util.BitSet needed) {}

    /**
     * @param out Modified: receives the current generation's metrics, {@code metricNames().size()} values.
     */
    default void readMetrics(double[] out) {
        final double[] m = metrics();
        System.arraycopy(m, 0, out, 0, m.length);
    }
}
