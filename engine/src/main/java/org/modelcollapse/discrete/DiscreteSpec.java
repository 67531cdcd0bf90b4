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
 */
public record DiscreteSpec(InitialDistribution initial, SampleSizeSchedule schedule, Regime regime,
                           double smoothing, SamplingMode mode) {
    /** Validates the combination. */
    public DiscreteSpec {
        if (initial == null || schedule == null || regime == null || mode == null) {
            throw new IllegalArgumentException("initial, schedule, regime and mode are required");
        }
        if (!(smoothing >= 0 && smoothing < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException("smoothing must be finite and >= 0: " + smoothing);
        }
    }

    /** @return the paper's setting: replace regime, constant M, no smoothing, automatic mode */
    public static DiscreteSpec replace(InitialDistribution initial, int m) {
        return new DiscreteSpec(initial, SampleSizeSchedule.constant(m), Regime.replace(), 0, SamplingMode.AUTO);
    }

    /** @return this spec with another mode */
    public DiscreteSpec withMode(SamplingMode m) {
        return new DiscreteSpec(initial, schedule, regime, smoothing, m);
    }
}
