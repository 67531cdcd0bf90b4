package org.modelcollapse.verify;

import java.util.List;
import java.util.function.LongFunction;
import java.util.function.Supplier;

/**
 * A model family's closed-form checks (SPEC §6), as {@code collapse verify MODEL} runs them through
 * {@link VerificationRunner}.
 *
 * @param model the family's name on the command line
 * @param title the report's title
 * @param checks the checks for a root seed: tasks that each return their rows, run in parallel and
 *     reported in this order
 */
public record Verification(String model, String title, LongFunction<List<Supplier<List<Check>>>> checks) {}
