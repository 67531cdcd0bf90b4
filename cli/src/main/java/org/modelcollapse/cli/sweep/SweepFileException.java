package org.modelcollapse.cli.sweep;

/** A sweep file that cannot run: one line naming the file, the key and the value, and what is allowed. */
public final class SweepFileException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    SweepFileException(String message) {
        super(message);
    }
}
