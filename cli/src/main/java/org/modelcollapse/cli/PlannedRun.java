package org.modelcollapse.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.modelcollapse.experiment.Chain;
import org.modelcollapse.experiment.ChainFactory;
import org.modelcollapse.experiment.ExperimentResult;
import org.modelcollapse.experiment.ExperimentRunner;
import org.modelcollapse.experiment.ExperimentSettings;
import org.modelcollapse.experiment.ProgressListener;
import org.modelcollapse.random.ReplicateStreams;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * A family's run planned from its command-line arguments, every option checked as {@code collapse
 * FAMILY ARGS} checks it, but run in place: nothing printed, no folder written. The seam through which
 * a sweep ({@link org.modelcollapse.cli.sweep}) checks and runs its cells, locally or on Spark executors.
 */
public final class PlannedRun {
    private final ExperimentRun.Plan plan;
    private final List<String> measured;

    private PlannedRun(ExperimentRun.Plan plan, List<String> measured) {
        this.plan = plan;
        this.measured = measured;
    }

    /**
     * @param family a family's subcommand name
     * @param args its arguments, as on the command line (with --seed and --replicates)
     * @return the checked plan
     * @throws IllegalArgumentException with the one-line message {@code collapse FAMILY} would print
     */
    public static PlannedRun of(String family, List<String> args) {
        final ExperimentCommand command = command(family);
        final CommandLine cl = new CommandLine(command);
        CollapseCommand.registerConverters(cl);
        try {
            cl.parseArgs(args.toArray(String[]::new));
            final ExperimentRun.Plan plan = command.plan();
            final List<String> measured = command.runOptions().metrics(plan.metrics());
            if (plan.settings().untilAbsorbed() && plan.notAbsorbing() != null) {
                throw new BadInputException("--until-absorbed: " + plan.notAbsorbing());
            }
            return new PlannedRun(plan, measured);
        } catch (CommandLine.ParameterException e) {
            throw new IllegalArgumentException(CollapseCommand.describe(e), e);
        } catch (BadInputException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return the families' subcommand names */
    public static List<String> families() {
        return Families.ALL.stream().map(FamilyCli::name).toList();
    }

    /**
     * @param family a family's subcommand name
     * @param option a long option name without its dashes ("samples")
     * @return whether {@code collapse FAMILY} has the option: null if not, else true for a flag (no value) and false for an option with a value
     */
    public static Boolean isFlag(String family, String option) {
        final OptionSpec spec = new CommandLine(command(family)).getCommandSpec().findOption("--" + option);
        return spec == null ? null : spec.arity().max() == 0;
    }

    private static ExperimentCommand command(String family) {
        final FamilyCli f = Families.named(family);
        if (f == null) {
            throw new IllegalArgumentException("no family " + family + "; the families are " + Families.names());
        }
        return f.newCommand();
    }

    /** @return the checked settings (replicates, generations, seed, threads) */
    public ExperimentSettings settings() {
        return plan.settings();
    }

    /** @return the planned memory, in bytes */
    public double memoryBytes() {
        return plan.memory() == null ? Double.NaN : plan.memory().bytes();
    }

    /** @return the metrics measured, in order */
    public List<String> metrics() {
        return measured;
    }

    /** @return the model's name, as in a run's manifest */
    public String model() {
        return plan.model();
    }

    /** Runs every replicate; the result is the one {@code collapse FAMILY} with the same arguments writes. */
    public ExperimentResult run(ProgressListener progress) {
        return ExperimentRunner.run(chains(), plan.settings(), progress);
    }

    /** @return replicate 0's chain, reset to its stream, for a pilot of the run's cost */
    public Chain replicateZero() {
        final Chain chain = chains().create(ReplicateStreams.of(plan.settings().seed()).next());
        chain.reset(ReplicateStreams.of(plan.settings().seed()).next());
        return chain;
    }

    private ChainFactory chains() {
        return ExperimentRun.measuredChains(plan, measured);
    }
}
