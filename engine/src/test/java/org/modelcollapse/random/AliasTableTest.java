package org.modelcollapse.random;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;
import org.modelcollapse.StatAssert;

class AliasTableTest {
    private static final long SEED = 99L;

    @Test
    void samplesTheWeights() {
        final int k = 37;
        final double[] weights = new double[k + 3];
        final int[] ids = new int[k];
        double total = 0;
        for (int i = 0; i < k; i++) {
            ids[i] = i + 3;
            weights[i + 3] = 1.0 / (i + 1) + (i % 5 == 0 ? 2 : 0);
            total += weights[i + 3];
        }
        final AliasTable t = AliasTable.create();
        t.build(ids, k, weights, total);
        final UniformRandomProvider rng = RandomSource.L64_X128_MIX.create(SEED);
        final long[] counts = new long[k];
        for (int i = 0; i < 1_000_000; i++) {
            counts[t.sample(rng.nextDouble()) - 3]++;
        }
        final double[] probs = new double[k];
        for (int i = 0; i < k; i++) {
            probs[i] = weights[i + 3] / total;
        }
        StatAssert.chiSquareFits("alias table", SEED, counts, probs);
    }

    @Test
    void degenerateDistributionAlwaysGivesItsState() {
        final AliasTable t = AliasTable.create();
        t.build(new int[] {6}, 1, new double[] {0, 0, 0, 0, 0, 0, 1.0}, 1.0);
        assertEquals(6, t.sample(0.0));
        assertEquals(6, t.sample(0.999999999));
        assertEquals(6, t.sample(Math.nextDown(1.0)));
    }
}
