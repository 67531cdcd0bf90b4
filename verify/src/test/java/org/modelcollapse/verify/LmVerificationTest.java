package org.modelcollapse.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** CI gate: the language-model checks (C2 and a word's loss on the unigram chain, issue 15 §5) hold (seed fixed). */
class LmVerificationTest {
    private static final long SEED = 20240724L;

    @Test
    void everyCheckHolds() {
        final List<Check> rows = VerificationRunner.run(LmVerification.VERIFICATION, SEED);
        final String report = Report.markdown("Language-model chain verification", SEED, rows);
        System.out.println(report);
        assertTrue(Report.allPass(rows), "verification failed (seed " + SEED + "):\n" + report);
        assertEquals(6, rows.size(), "every check ran");
    }
}
