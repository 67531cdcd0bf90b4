package org.modelcollapse.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;

/** Runs the {@code collapse} command line in-process, capturing its error stream. */
record CliRun(int status, String err) {
    static CliRun of(String... args) {
        final CommandLine cl = CollapseCommand.commandLine();
        final StringWriter err = new StringWriter();
        cl.setErr(new PrintWriter(err, true));
        final int status = cl.execute(args);
        return new CliRun(status, err.toString());
    }

    /**
     * Bad input: {@code command --out out --seed 1 args...} exits with status 2 and one line that names
     * {@code named}, and writes no output folder.
     */
    static void assertBadInput(String command, Path out, String[] args, String named) {
        final List<String> all = new ArrayList<>(List.of(command, "--out", out.toString(), "--seed", "1"));
        all.addAll(List.of(args));
        final CliRun r = of(all.toArray(String[]::new));
        assertEquals(2, r.status(), r.err());
        assertEquals(1, r.err().strip().lines().count(), "one line: " + r.err());
        assertTrue(r.err().contains(named), r.err());
        assertFalse(Files.exists(out), "nothing written");
    }
}
