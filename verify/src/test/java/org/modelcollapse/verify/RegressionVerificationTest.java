package org.modelcollapse.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** CI gate: the linear-regression checks (R1–R4, the correlated design, exact = samples) hold (seed fixed). */
class RegressionVerificationTest {
    private static final long SEED = 20240402L;

    @Test
    void everyCheckHolds() {
        final List<Check> rows = VerificationRunner.run(RegressionVerification.VERIFICATION, SEED);
        final String report = Report.markdown("Linear-regression chain verification", SEED, rows);
        System.out.println(report);
        assertTrue(Report.allPass(rows), "verification failed (seed " + SEED + "):\n" + report);
        assertEquals(10 + 5 + 2 + 3 + 3 + 4, rows.size(), "every check ran");
    }
}
