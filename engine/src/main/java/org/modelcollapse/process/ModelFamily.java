package org.modelcollapse.process;

import java.util.BitSet;
import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;

/**
 * What {@link RegimeChain} needs of a model family to run every regime: draw data from a model, from
 * the original distribution and from earlier data, fit a model to data, measure a model. One instance
 * serves one chain: it owns that chain's workspace and its random streams, rebound per replicate by
 * {@link #reset}. Every operation allocates nothing once its buffers have grown to the largest data.
 *
 * <p>The draws add points to the summary they are given; the order of a generation's draws (model,
 * resampled, fresh) is fixed by {@link RegimeChain}, so that a run's random numbers, and its outputs,
 * do not depend on how a family stores its data.
 *
 * @param <M> the fitted model, mutable, owned by the chain
 * @param <S> a data set summarised as far as the fit allows
 */
public interface ModelFamily<M, S extends DataSummary> {
    /** @return the metric names, in the order {@link #measure} writes them; never changes */
    List<String> metricNames();

    /** @return a new model (its value unspecified until {@link #original} or {@link #fit} writes it) */
    M newModel();

    /** @return a new, empty data summary */
    S newData();

    /** Rebinds the family's samplers to a replicate's random stream. */
    void reset(UniformRandomProvider rng);

    /** Writes the model of generation 0, the original distribution, into {@code out}. */
    void original(M out);

    /**
     * Writes the original data D_0, when the original is the user's points rather than a distribution,
     * into the empty {@code out}. Generation 1's model is then the fit to D_0, which is generation 0's
     * model itself; accumulating regimes start their pool with D_0 and mix resamples from it first.
     *
     * @return false if the original is a distribution (then {@code out} is left empty)
     */
    boolean originalData(S out);

    /** Adds {@code n} points drawn from {@code model} to {@code out} ({@code n} may be 0). */
    void draw(M model, int n, S out);

    /** Adds {@code n} points drawn fresh from the original distribution to {@code out}. */
    void drawOriginal(int n, S out);

    /**
     * Adds {@code n} points drawn with replacement from the data {@code from} to {@code out}.
     *
     * @param from Not modified; never {@code out}.
     */
    void resample(S from, int n, S out);

    /**
     * Adds {@code n} points drawn without replacement from {@code pool} to {@code out}.
     *
     * @param pool may be reordered, never otherwise changed
     */
    void subsample(S pool, int n, S out);

    /**
     * Fits {@code out} to {@code data}. The model may keep a reference to the data (the chain leaves
     * them unchanged until the next generation's fit).
     */
    void fit(S data, M out);

    /** Says which metrics will be read; the others may be skipped ({@link org.modelcollapse.experiment.Chain#requireMetrics}). */
    default void requireMetrics(BitSet needed) {}

    /**
     * @param absorbed whether the chain has been absorbed (for a family that reports it as a metric)
     * @param out Modified: receives the model's metrics, {@code metricNames().size()} values.
     */
    void measure(M model, boolean absorbed, double[] out);

    /**
     * @param pool the accumulated data a later generation may draw again (accumulating regimes), or null
     * @return true if no later generation can change the model: it has no spread left, nor has the pool
     *     (asked only when {@link RegimeChain} has found that no generation draws fresh original data)
     */
    boolean absorbing(M model, S pool);

    /** @return the category an absorbed model holds, or -1 where that does not apply */
    default int absorbingState(M model) {
        return -1;
    }
}
