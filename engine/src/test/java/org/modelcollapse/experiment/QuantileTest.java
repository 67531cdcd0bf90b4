package org.modelcollapse.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Selection-based type-7 quantiles equal the sort-based definition, for any levels, ties and sizes. */
class QuantileTest {
    private static final long SEED = 4242L;

    /** Type 7 by its definition, on a sorted copy. */
    private static double bySort(double[] values, double level) {
        final double[] s = values.clone();
        Arrays.sort(s);
        final double h = (s.length - 1) * level;
        final int lo = (int) Math.floor(h);
        final int hi = Math.min(lo + 1, s.length - 1);
        return s[lo] == s[hi] || h == lo ? s[lo] : s[lo] + (h - lo) * (s[hi] - s[lo]);
    }

    @Test
    void selectionEqualsTheSortedDefinition() {
        final SplittableRandom random = new SplittableRandom(SEED);
        final double[][] levelSets = {{0.05, 0.5, 0.95}, {0.12, 0.15, 0.9}, {0.1, 0.11, 0.12, 0.13, 0.5}, {0, 0.25, 0.5, 0.75, 1}, {0.5}};
        for (int trial = 0; trial < 20_000; trial++) {
            final int n = 1 + random.nextInt(trial < 10_000 ? 12 : 300);
            final boolean ties = random.nextBoolean();
            final double[] values = new double[n];
            for (int i = 0; i < n; i++) {
                values[i] = ties ? random.nextInt(4) : random.nextGaussian();
            }
            final double[] levels = levelSets[trial % levelSets.length];
            final double[] out = new double[levels.length];
            ExperimentRunner.quantiles(values.clone(), levels, out);
            for (int l = 0; l < levels.length; l++) {
                assertEquals(bySort(values, levels[l]), out[l], 0, "trial " + trial + ", n = " + n + ", level " + levels[l] + " (seed " + SEED + ")");
            }
        }
    }
}
