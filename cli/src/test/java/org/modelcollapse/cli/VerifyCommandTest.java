package org.modelcollapse.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** verify: a report that cannot be written is refused before the checks run (they take minutes). */
class VerifyCommandTest {
    @TempDir
    Path tmp;

    @Test
    void anUnwritableReportIsRefusedAtOnce() throws Exception {
        final Path file = tmp.resolve("a-file");
        Files.writeString(file, "x");
        for (Path report : new Path[] {file.resolve("report.md"), Path.of("/proc/collapse-test/report.md"), tmp}) {
            final CliRun r = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> CliRun.of("verify", "discrete", "--report", report.toString()));
            assertEquals(2, r.status(), report + ": " + r.err());
            assertEquals(1, r.err().strip().lines().count(), r.err());
            assertTrue(r.err().contains("--report " + report.toAbsolutePath().normalize()), r.err());
        }
    }
}
