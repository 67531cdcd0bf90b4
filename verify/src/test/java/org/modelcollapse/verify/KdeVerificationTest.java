package org.modelcollapse.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** CI gate: the kernel-density checks (K1 and the mean walk in replace and accumulate, the one-step sampler) hold (seed fixed). */
class KdeVerificationTest {
    private static final long SEED = 20240724L;

    @Test
    void everyCheckHolds() {
        final List<Check> rows = VerificationRunner.run(KdeVerification.VERIFICATION, SEED);
        final String report = Report.markdown("Kernel-density chain verification", SEED, rows);
        System.out.println(report);
        assertTrue(Report.allPass(rows), "verification failed (seed " + SEED + "):\n" + report);
        assertEquals(3 * 2 + 1, rows.size(), "every check ran");
    }
}
