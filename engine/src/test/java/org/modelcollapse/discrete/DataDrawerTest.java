package org.modelcollapse.discrete;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.modelcollapse.simd.UniformKernels;

/**
 * The two-category shortcut in {@link DataDrawer#draw} takes the tabulated row without asking
 * choose(); that is choose()'s answer only while the row is the cheapest way to draw two categories
 * by AUTO's constants. Changing the constants so that it is not must fail here, not silently
 * disagree with AUTO.
 */
class DataDrawerTest {
    @Test
    void tabulatedRowIsTheCheapestDrawOfTwoCategories() {
        final double row = DataDrawer.ROW_NS; // one row draw, no conditional binomial after it
        assertTrue(row < DataDrawer.BINOMIAL_NS, "binomial");
        // Interval counts take at least one lane step with one interval end.
        final double intervals = DataDrawer.INTERVALS_SETUP_NS
                + UniformKernels.countSteps(1, 2) * (DataDrawer.INTERVALS_STEP_NS + DataDrawer.INTERVALS_END_NS);
        assertTrue(row < intervals, "interval counts");
        // Per-sample draws cost at least their set-up.
        assertTrue(row < DataDrawer.SAMPLES_SETUP_NS, "per-sample draws");
    }
}
