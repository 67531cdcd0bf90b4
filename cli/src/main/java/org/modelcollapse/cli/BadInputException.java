package org.modelcollapse.cli;

/** Bad user input: reported as one line naming the option, the value and what is allowed; exit status 2. */
final class BadInputException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    BadInputException(String option, Object value, String allowed) {
        super(option + " " + value + ": " + allowed);
    }

    BadInputException(String message) {
        super(message);
    }
}
