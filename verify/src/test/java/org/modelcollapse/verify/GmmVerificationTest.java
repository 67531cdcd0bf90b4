package org.modelcollapse.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** CI gate: the Gaussian-mixture checks (k = 1 as the MLE Gaussian chain, recovery, Wright–Fisher weights) hold (seed fixed). */
class GmmVerificationTest {
    private static final long SEED = 20240724L;

    @Test
    void everyCheckHolds() {
        final List<Check> rows = VerificationRunner.run(GmmVerification.VERIFICATION, SEED);
        final String report = Report.markdown("Gaussian-mixture chain verification", SEED, rows);
        System.out.println(report);
        assertTrue(Report.allPass(rows), "verification failed (seed " + SEED + "):\n" + report);
        assertEquals(3 + 12 + 1, rows.size(), "every check ran");
    }
}
