package org.modelcollapse.verify;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** CI gate: every closed form of SPEC §6 C1–C6 holds, in both sampling modes (seed fixed). */
class DiscreteVerificationTest {
    private static final long SEED = 20240724L;

    @Test
    void everyClosedFormHolds() {
        final List<Check> rows = VerificationRunner.run(DiscreteVerification.VERIFICATION, SEED);
        final String report = Report.markdown("Categorical chain verification", SEED, rows);
        System.out.println(report);
        assertTrue(Report.allPass(rows), "verification failed (seed " + SEED + "):\n" + report);
        assertTrue(rows.size() >= 24, "every check ran in both modes");
    }

    /** The checks can fail: a wrong closed form (M off by one in C2) is rejected. */
    @Test
    void aWrongFormulaIsDetected() {
        final Check wrong = new Check("C2 wrong", "", 0.5 * Math.pow(1 - 1.0 / 49, 60), 0.5 * Math.pow(1 - 1.0 / 50, 60), 0.0005, 0);
        assertTrue(!wrong.passes(VerificationRunner.criticalZ(30)), "a 2% error at SE 0.05% must fail");
    }

    @Test
    void exactAbsorptionTimeMatchesDiffusionRoughly() {
        final double[] cdf = WrightFisher.absorptionCdf(100, 50, 6000);
        final double exact = WrightFisher.meanFromCdf(cdf);
        final double diffusion = WrightFisher.diffusionMeanTime(100, new double[] {0.5, 0.5});
        // Diffusion theory is accurate to O(1) generations here: a sanity bound, not a statistical test.
        assertTrue(Math.abs(exact - diffusion) < 0.02 * diffusion, "exact " + exact + " vs diffusion " + diffusion);
    }
}
