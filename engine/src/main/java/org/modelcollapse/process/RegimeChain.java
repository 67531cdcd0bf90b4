package org.modelcollapse.process;

import java.util.BitSet;
import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.modelcollapse.experiment.Chain;

/**
 * The regimes of SPEC §2, written once for every model family: each generation assembles its data
 * from the family's draws, fits the next model and measures it on demand.
 * <ul>
 *   <li>{@code replace}: M_n points from the current model.</li>
 *   <li>{@code mix}: round(alpha M_n) from the model, then the resampled share drawn with replacement
 *   from the previous generation's data (at generation 0 from the original distribution, or from the
 *   user's D_0), then the rest fresh from the original ({@link Regime#modelPoints}).</li>
 *   <li>{@code accumulate}: M_n model points join the pool of every earlier generation's data (and D_0);
 *   the fit sees the whole pool (Gerstgrasser et al. 2024).</li>
 *   <li>{@code accumulate-subsample}: M_n model points join the pool, and M_n points drawn from it
 *   without replacement are fitted (Kazdan et al. 2024).</li>
 * </ul>
 * Two data buffers alternate, so that the previous generation's data, which the model may refer to,
 * stay intact while the next are drawn.
 *
 * <p>Absorption: once {@code canAbsorb} (no generation draws fresh original data, and the family's
 * own condition, e.g. no smoothing) and the family finds the model, and for the accumulating regimes
 * the pool, without spread, no later generation can change the model; the chain then stops drawing
 * and its metrics stay constant.
 *
 * @param <M> the family's model
 * @param <S> the family's data summary
 */
public class RegimeChain<M, S extends DataSummary> implements Chain {
    private final ModelFamily<M, S> family;
    private final Regime regime;
    private final SampleSizeSchedule schedule;
    private final boolean canAbsorb;
    private final M model;
    private final S dataA;
    private final S dataB;
    private final S pool;
    private final double[] metrics;
    /** The data of the last fit, or null at generation 0 of an original distribution. */
    private S previous;
    private boolean originalData;
    private int generation;
    private int absorbedAt;
    private int absorbingState;
    private boolean metricsCurrent;

    /**
     * A chain at generation 0 drawing from {@code rng}.
     *
     * @param canAbsorb true if a replicate can reach an absorbing state: no generation draws fresh
     *     original data ({@link Regime#neverDrawsFresh}) and the family's own condition holds
     */
    protected RegimeChain(ModelFamily<M, S> family, Regime regime, SampleSizeSchedule schedule, boolean canAbsorb, UniformRandomProvider rng) {
        this.family = family;
        this.regime = regime;
        this.schedule = schedule;
        this.canAbsorb = canAbsorb;
        model = family.newModel();
        dataA = family.newData();
        dataB = family.newData();
        pool = family.newData();
        metrics = new double[family.metricNames().size()];
        reset(rng);
    }

    @Override
    public final List<String> metricNames() {
        return family.metricNames();
    }

    @Override
    public final void reset(UniformRandomProvider rng) {
        family.reset(rng);
        restart();
    }

    /** Returns to generation 0 (the original distribution), continuing the current random stream; allocation-free. */
    public final void restart() {
        dataA.clear();
        dataB.clear();
        pool.clear();
        family.original(model);
        originalData = family.originalData(dataA);
        previous = originalData ? dataA : null;
        if (originalData && regime.keepsEarlierData()) {
            family.originalData(pool);
        }
        generation = 0;
        absorbedAt = -1;
        absorbingState = -1;
        metricsCurrent = false;
        recordAbsorption();
    }

    @Override
    public final void step() {
        if (absorbedAt >= 0) {
            generation++;
            return;
        }
        if (originalData && generation == 0) {
            // The first fit is to the user's D_0 itself: deterministic, and already the model of generation 0.
            generation++;
            return;
        }
        final int m = schedule.sizeAt(generation);
        final S fitted = switch (regime.kind()) {
            case REPLACE -> {
                final S data = cleared(otherThan(previous));
                family.draw(model, m, data);
                yield data;
            }
            case MIX -> {
                final S data = cleared(otherThan(previous));
                family.draw(model, regime.modelPoints(m), data);
                if (previous == null) {
                    family.drawOriginal(regime.resampledPoints(m), data);
                } else {
                    family.resample(previous, regime.resampledPoints(m), data);
                }
                family.drawOriginal(regime.freshPoints(m), data);
                yield data;
            }
            case ACCUMULATE -> {
                family.draw(model, m, pool);
                yield pool;
            }
            case ACCUMULATE_SUBSAMPLE -> {
                family.draw(model, m, pool);
                final S data = cleared(otherThan(previous));
                family.subsample(pool, m, data);
                yield data;
            }
        };
        previous = fitted;
        family.fit(fitted, model);
        generation++;
        metricsCurrent = false;
        recordAbsorption();
    }

    private S otherThan(S inUse) {
        return inUse == dataA ? dataB : dataA;
    }

    private static <S extends DataSummary> S cleared(S data) {
        data.clear();
        return data;
    }

    private void recordAbsorption() {
        if (canAbsorb && absorbedAt < 0 && family.absorbing(model, regime.keepsEarlierData() ? pool : null)) {
            absorbedAt = generation;
            absorbingState = family.absorbingState(model);
            metricsCurrent = false;
        }
    }

    @Override
    public final int generation() {
        return generation;
    }

    @Override
    public final boolean absorbed() {
        return absorbedAt >= 0;
    }

    @Override
    public final int absorbedAt() {
        return absorbedAt;
    }

    @Override
    public final int absorbingState() {
        return absorbingState;
    }

    @Override
    public final void requireMetrics(BitSet needed) {
        family.requireMetrics(needed);
        metricsCurrent = false;
    }

    /** The current model's metrics, measured once per generation on first request. */
    @Override
    public final double[] metrics() {
        if (!metricsCurrent) {
            family.measure(model, absorbedAt >= 0, metrics);
            metricsCurrent = true;
        }
        return metrics;
    }

    /** @return the current model; not to be modified, valid until the next {@link #step} or {@link #reset} */
    protected final M model() {
        return model;
    }

    /** @return the regime */
    public final Regime regime() {
        return regime;
    }
}
