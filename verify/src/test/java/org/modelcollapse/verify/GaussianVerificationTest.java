package org.modelcollapse.verify;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** CI gate: the Gaussian closed forms (N1–N7, Wishart, exact = samples) hold in both modes (seed fixed). */
class GaussianVerificationTest {
    private static final long SEED = 20240724L;

    @Test
    void everyClosedFormHolds() {
        final List<Check> rows = VerificationRunner.run(GaussianVerification.VERIFICATION, SEED);
        final String report = Report.markdown("Gaussian chain verification", SEED, rows);
        System.out.println(report);
        assertTrue(Report.allPass(rows), "verification failed (seed " + SEED + "):\n" + report);
        assertTrue(rows.size() >= 28, "every check ran in both modes: " + rows.size());
    }
}
