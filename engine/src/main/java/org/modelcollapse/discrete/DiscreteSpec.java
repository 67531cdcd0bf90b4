package org.modelcollapse.discrete;

import org.modelcollapse.process.Regime;
import org.modelcollapse.process.SampleSizeSchedule;
import org.modelcollapse.process.SamplingMode;

/**
 * Everything that defines a categorical collapse chain.
 *
 * @param initial p_0
 * @param schedule sample sizes M_n
 * @param regime how data is assembled
 * @param smoothing add-k pseudo-count added to every state at each fit (0 = maximum likelihood)
 * @param mode how draws are made
 * @param decoding the sampling bias applied to each model before its points are drawn ({@link Decoding#NONE}: none)
 * @param curation Bradley–Terry selection of each model point among K candidates, or null for none;
 *     it has no exact path, so it needs samples or auto mode (auto then draws the model's points one by one)
 */
public record DiscreteSpec(InitialDistribution initial, SampleSizeSchedule schedule, Regime regime,
                           double smoothing, SamplingMode mode, Decoding decoding, Curation curation) {
    /** Validates the combination. */
    public DiscreteSpec {
        if (initial == null || schedule == null || regime == null || mode == null || decoding == null) {
            throw new IllegalArgumentException("initial, schedule, regime, mode and decoding are required");
        }
        if (!(smoothing >= 0 && smoothing < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException("smoothing must be finite and >= 0: " + smoothing);
        }
        if (curation != null && curation.states() != initial.states()) {
            throw new IllegalArgumentException("curation needs one reward per state: " + curation.states() + " rewards for "
                    + initial.states() + " states");
        }
        if (curation != null && mode == SamplingMode.EXACT) {
            throw new IllegalArgumentException("curation has no exact draw of the counts: use samples or auto mode");
        }
    }

    /** A chain without sampling bias or curation. */
    public DiscreteSpec(InitialDistribution initial, SampleSizeSchedule schedule, Regime regime, double smoothing, SamplingMode mode) {
        this(initial, schedule, regime, smoothing, mode, Decoding.NONE, null);
    }

    /** @return the paper's setting: replace regime, constant M, no smoothing, automatic mode */
    public static DiscreteSpec replace(InitialDistribution initial, int m) {
        return new DiscreteSpec(initial, SampleSizeSchedule.constant(m), Regime.replace(), 0, SamplingMode.AUTO);
    }

    /** @return this spec with another mode */
    public DiscreteSpec withMode(SamplingMode m) {
        return new DiscreteSpec(initial, schedule, regime, smoothing, m, decoding, curation);
    }

    /** @return this spec with a sampling bias and curation (null for none) */
    public DiscreteSpec withBias(Decoding d, Curation c) {
        return new DiscreteSpec(initial, schedule, regime, smoothing, mode, d, c);
    }

    /** @return true if the points drawn from a model are not plain draws from it: decoding or curation */
    public boolean biased() {
        return !decoding.isIdentity() || curation != null;
    }
}
