package org.modelcollapse.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;
import org.modelcollapse.gaussian.GaussianChain;
import org.modelcollapse.gaussian.GaussianSpec;

class SelectedMetricsChainTest {
    private static final long SEED = 4242L;

    private static Chain gaussian() {
        return GaussianChain.create(GaussianSpec.standard(4, 10), RandomSource.L64_X128_MIX.create(SEED));
    }

    /** The selection reports the full chain's values bit for bit, in the chain's order, with or without the spectral metrics. */
    @Test
    void selectedMetricsEqualTheFullChainsValues() {
        for (List<String> chosen : List.of(List.of("w2_squared", "trace"), List.of("log_det", "trace", "mean_sq_distance"))) {
            final Chain full = gaussian();
            final Chain some = SelectedMetricsChain.of(gaussian(), chosen);
            final List<String> inOrder = full.metricNames().stream().filter(chosen::contains).toList();
            assertEquals(inOrder, some.metricNames());
            for (int g = 0; g < 50; g++) {
                for (int i = 0; i < inOrder.size(); i++) {
                    assertEquals(full.metrics()[full.metricNames().indexOf(inOrder.get(i))], some.metrics()[i], 0,
                            inOrder.get(i) + " at generation " + g + " (seed " + SEED + ")");
                }
                full.step();
                some.step();
            }
        }
    }

    @Test
    void badSelectionsAreRefusedAndTheWholeSetChangesNothing() {
        final Chain chain = gaussian();
        assertSame(chain, SelectedMetricsChain.of(chain, chain.metricNames()));
        assertThrows(IllegalArgumentException.class, () -> SelectedMetricsChain.of(gaussian(), List.of("trace", "volume")));
        assertThrows(IllegalArgumentException.class, () -> SelectedMetricsChain.of(gaussian(), List.of("trace", "trace")));
        assertThrows(IllegalArgumentException.class, () -> SelectedMetricsChain.of(gaussian(), List.of()));
    }

    /** Without min/max eigenvalue and W2 the Gaussian chain computes no singular values: what it would report is NaN. */
    @Test
    void leavingOutTheSpectralMetricsSkipsTheirWork() {
        final Chain chain = gaussian();
        chain.requireMetrics(java.util.BitSet.valueOf(new long[] {0b111}));
        chain.step();
        assertTrue(Double.isNaN(chain.metrics()[chain.metricNames().indexOf("w2_squared")]));
        assertTrue(Double.isFinite(chain.metrics()[chain.metricNames().indexOf("log_det")]));
    }
}
