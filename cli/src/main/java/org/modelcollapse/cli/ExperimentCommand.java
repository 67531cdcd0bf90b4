package org.modelcollapse.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.modelcollapse.experiment.ExperimentResult;

/**
 * A simulating subcommand, in three parts: its checked plan (every check that can be made before
 * computing), its run options, and what it prints after the run. picocli calls {@link #call}, which
 * runs the plan into --out; a sweep ({@link SweepCells}) calls {@link #plan} alone and runs it in place.
 */
interface ExperimentCommand extends Callable<Integer> {
    /**
     * @return the run's plan, every option checked
     * @throws BadInputException for bad input, before anything is computed or written
     */
    ExperimentRun.Plan plan() throws IOException;

    /** @return the options every simulating subcommand shares */
    RunOptions runOptions();

    /** Prints the run's summary lines after its files are written into {@code dir}. */
    void report(ExperimentResult result, Path dir);

    @Override
    default Integer call() throws IOException {
        final ExperimentResult result = ExperimentRun.execute(plan(), runOptions());
        report(result, runOptions().out.toAbsolutePath().normalize());
        return 0;
    }
}
