package org.modelcollapse.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;
import org.modelcollapse.gaussian.Estimator;
import org.modelcollapse.process.Regime;
import org.modelcollapse.process.SampleSizeSchedule;

/** The curves the plots draw equal the closed forms the verification rows check (docs/theory.md). */
class ClosedFormsTest {
    @Test
    void heterozygosityIsC2InReplaceAndC6WithFreshData() {
        final double h0 = 0.9;
        final double[] c2 = ClosedForms.heterozygosity(h0, SampleSizeSchedule.constant(50), Regime.replace(), 0, 60);
        for (int n : new int[] {0, 1, 10, 60}) {
            assertEquals(h0 * Math.pow(1 - 1.0 / 50, n), c2[n], 1e-14, "C2 at n = " + n);
        }
        // C6 with a = 36, c = 4 (gamma = 0.1, M = 40), as DiscreteVerification's row computes it.
        final double s2 = 1 - h0;
        double f = s2;
        for (int i = 0; i < 25; i++) {
            f = (36.0 * 35 * f + 40 + (2 * 36 * 4 + 16 - 4) * s2) / (40.0 * 40);
        }
        assertEquals(1 - f, ClosedForms.heterozygosity(h0, SampleSizeSchedule.constant(40), Regime.mix(0.9, 0, 0.1), 0, 25)[25], 1e-14);
        assertNull(ClosedForms.heterozygosity(h0, SampleSizeSchedule.constant(40), Regime.replace(), 0.5, 5), "none with smoothing");
        assertNull(ClosedForms.heterozygosity(h0, SampleSizeSchedule.constant(40), Regime.accumulate(), 0, 5), "none when data accumulate");
    }

    @Test
    void gaussianCurvesAreN3N4AndN6() {
        final SampleSizeSchedule m10 = SampleSizeSchedule.constant(10);
        assertEquals(5 * 4.0 / 10, ClosedForms.meanSquaredDistance(4, m10, Regime.replace(), Estimator.UNBIASED, false).applyAsDouble(5), 1e-14, "N3");
        final double c4n = Math.pow(ClosedForms.c4(10), 5);
        assertEquals(5 * 4.0 / 10 + 2 * 4 * (1 - c4n), ClosedForms.w2Squared(4, 1, m10, Regime.replace(), Estimator.UNBIASED, false).applyAsDouble(5),
                1e-12, "N6");
        double psi = 0;
        for (int i = 1; i <= 3; i++) {
            psi += org.apache.commons.numbers.gamma.Digamma.value((12 - i) / 2.0) + Math.log(2.0 / 11);
        }
        assertEquals(Math.log(2.545) + 5 * psi, ClosedForms.logDet(Math.log(2.545), 3, SampleSizeSchedule.constant(12), Regime.replace(),
                Estimator.UNBIASED, false).applyAsDouble(5), 1e-12, "N4");
        assertEquals(4.5 * (1 - Math.pow(4.0 / 5, 8)) , ClosedForms.meanSquaredDistance(4.5, SampleSizeSchedule.constant(5), Regime.replace(),
                Estimator.MLE, false).applyAsDouble(8), 1e-12, "N7");
        assertNull(ClosedForms.logDet(0, 3, SampleSizeSchedule.constant(3), Regime.replace(), Estimator.UNBIASED, false), "none once M - 1 < d");
        assertNull(ClosedForms.trace(2, m10, Regime.accumulate(), Estimator.UNBIASED, false), "replace only");
        assertNull(ClosedForms.trace(2, m10, Regime.replace(), Estimator.UNBIASED, true), "none with the user's data");
    }
}
