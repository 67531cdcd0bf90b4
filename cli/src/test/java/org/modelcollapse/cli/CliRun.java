package org.modelcollapse.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
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
}
