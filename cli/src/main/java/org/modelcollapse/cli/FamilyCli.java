package org.modelcollapse.cli;

import java.util.List;
import org.modelcollapse.verify.Verification;

/**
 * What the command line knows of a model family beyond its subcommand's options: the checks of
 * {@code collapse verify}, the plots a run draws and their closed forms, the kernels its runs warm up
 * and the start-up cache's training runs. One implementation per family, registered in {@link Families}.
 */
interface FamilyCli {
    /** @return the subcommand's name, as in {@code collapse NAME} and in a run's manifest */
    String name();

    /** @return a new instance of the family's picocli command */
    ExperimentCommand newCommand();

    /** @return the family's closed-form checks */
    Verification verification();

    /** @return the plots a run draws by default, in order */
    List<Plots.Metric> plots();

    /** @return the run's defining size for a plot title, such as "K=1000" or "d=2" */
    String size(RunFiles run);

    /** @return the closed-form curve of the metric for the run's settings (generations 0..last), or null for none */
    double[] closedForm(RunFiles run, String metric);

    /**
     * Starts compiling, on the calling thread, the kernels that a run with these arguments will use
     * (a peek at the arguments before picocli parses them); by default nothing, as for kernels without
     * a warm-up ({@link org.modelcollapse.simd.Kernels}).
     */
    default void warmUp(String[] args) {}

    /** @return arguments of short runs (without --out) that load what a user's first runs of the family load */
    List<String[]> trainingRuns();
}
