package org.modelcollapse.verify;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The exact Bradley–Terry update against hand-computed cases and its K → ∞ limit. */
class BradleyTerryUpdateTest {
    /** K = 2, p = (1/2, 1/2), r = (0, ln 3): state 1 wins with 1/4 + 1/2 · 3/4 = 5/8. */
    @Test
    void twoCandidatesByHand() {
        assertArrayEquals(new double[] {3.0 / 8, 5.0 / 8}, BradleyTerryUpdate.update(new double[] {0.5, 0.5}, new double[] {0, Math.log(3)}, 2), 1e-15);
        // K = 3 on two states: P(state 1) = b^3 + 3 a b^2 (2·3/7) + 3 a^2 b (3/5), a = b = 1/2.
        final double expected = 0.125 + 0.375 * 6 / 7 + 0.375 * 3 / 5;
        assertEquals(expected, BradleyTerryUpdate.update(new double[] {0.5, 0.5}, new double[] {0, Math.log(3)}, 3)[1], 1e-15);
    }

    /** A distribution, whatever K and rewards; equal rewards, K = 1 and states of probability 0 leave p alone. */
    @Test
    void sumsToOneAndKeepsWhatItShould() {
        final double[] p = {0.4, 0.3, 0, 0.2, 0.1};
        final double[] r = {0, 1, 7, 0.5, -2};
        for (int k = 1; k <= 6; k++) {
            final double[] u = BradleyTerryUpdate.update(p, r, k);
            double sum = 0;
            for (double v : u) {
                sum += v;
            }
            assertEquals(1, sum, 1e-14, "K " + k);
            assertEquals(0, u[2], 0, "a state of probability 0 is never a candidate");
        }
        assertArrayEquals(p, BradleyTerryUpdate.update(p, r, 1), 1e-15);
        assertArrayEquals(p, BradleyTerryUpdate.update(p, new double[] {2, 2, 2, 2, 2}, 4), 1e-15);
    }

    /** As K grows the update approaches p e^r / E_p[e^r], monotonically in total variation here. */
    @Test
    void approachesTheLimitAsKGrows() {
        final double[] p = {0.4, 0.3, 0.2, 0.1};
        final double[] r = {0, 1, 0.5, 2};
        final double[] limit = BradleyTerryUpdate.limit(p, r);
        double previous = Double.POSITIVE_INFINITY;
        for (int k : new int[] {2, 4, 8, 16, 32, 64}) {
            final double[] u = BradleyTerryUpdate.update(p, r, k);
            double tv = 0;
            for (int j = 0; j < p.length; j++) {
                tv += Math.abs(u[j] - limit[j]) / 2;
            }
            assertTrue(tv < previous, "K " + k + ": TV " + tv + " after " + previous);
            previous = tv;
        }
        assertTrue(previous < 0.02, "K = 64 within 0.02 of the limit: " + previous);
    }
}
