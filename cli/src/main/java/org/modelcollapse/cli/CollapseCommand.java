package org.modelcollapse.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code collapse} command: simulate model collapse, verify it against closed forms. Its
 * subcommands are the model families of {@link Families}, then plot, compare, verify and the hidden training run.
 */
@Command(name = "collapse", mixinStandardHelpOptions = true, versionProvider = Versions.class, usageHelpWidth = 120,
        description = "Simulates model collapse: generative models refitted, generation after generation, to data from earlier models.")
public final class CollapseCommand implements Runnable {
    /** Exit status for bad input. */
    static final int BAD_INPUT = 2;

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }

    /** @return the configured command line, with one-line errors and exit status 2 for bad input */
    static CommandLine commandLine() {
        final CommandLine cl = new CommandLine(new CollapseCommand());
        // Subcommands before the converters and handlers below, which apply to those added so far.
        for (FamilyCli family : Families.ALL) {
            cl.addSubcommand(family.name(), family.newCommand());
        }
        cl.addSubcommand(new PlotCommand());
        cl.addSubcommand(new CompareCommand());
        cl.addSubcommand(new SweepCommand());
        cl.addSubcommand(new VerifyCommand());
        cl.addSubcommand(new TrainingCommand());
        cl.addSubcommand(new CommandLine.HelpCommand());
        registerConverters(cl);
        cl.setParameterExceptionHandler((ex, args) -> {
            final PrintWriter err = ex.getCommandLine().getErr();
            err.println(ex.getCommandLine().getCommandSpec().qualifiedName() + ": " + describe(ex));
            return BAD_INPUT;
        });
        cl.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            if (ex instanceof BadInputException || ex instanceof IllegalArgumentException) {
                cmd.getErr().println(cmd.getCommandSpec().qualifiedName() + ": " + ex.getMessage());
                return BAD_INPUT;
            }
            if (ex instanceof java.io.IOException) {
                // Files that could not be written or moved into place at the end: one line, nothing written.
                cmd.getErr().println(cmd.getCommandSpec().qualifiedName() + ": " + ex.getMessage() + "; nothing written");
                return 1;
            }
            throw ex;
        });
        return cl;
    }

    /** Our number and seed converters, registered on {@code cl} and the subcommands added so far. */
    static void registerConverters(CommandLine cl) {
        cl.registerConverter(Double.class, new Converters.Number());
        cl.registerConverter(double.class, new Converters.Number());
        cl.registerConverter(Long.class, new Converters.Seed());
        cl.registerConverter(long.class, new Converters.Seed());
    }

    /** @return "OPTION VALUE: what is allowed" for a value our converters refused, else picocli's one-line message */
    static String describe(CommandLine.ParameterException ex) {
        if (ex.getCause() instanceof CommandLine.TypeConversionException t && ex.getArgSpec() != null) {
            final String name = ex.getArgSpec() instanceof CommandLine.Model.OptionSpec o ? o.longestName() : ex.getArgSpec().paramLabel();
            return name + " " + ex.getValue() + ": " + t.getMessage();
        }
        return ex.getMessage();
    }

    /** Entry point. */
    public static void main(String[] args) {
        // Loading the Vector API and compiling the kernels takes longer than a short run: start it on
        // another thread while the command line is parsed, for the kernels that the family's arguments
        // make likely (a peek; picocli still parses and checks).
        final FamilyCli family = args.length > 0 ? Families.named(args[0]) : null;
        if (family != null) {
            Thread.ofPlatform().daemon().name("collapse-simd-start").start(() -> family.warmUp(args));
        }
        System.exit(commandLine().execute(args));
    }

    /** @return the value of {@code option N} or {@code option=N} if it is an int, else {@code fallback} (a peek before parsing) */
    static int intOption(String[] args, String option, int fallback) {
        for (int i = 0; i < args.length; i++) {
            final String value = args[i].equals(option) && i + 1 < args.length ? args[i + 1]
                    : args[i].startsWith(option + "=") ? args[i].substring(option.length() + 1) : null;
            if (value != null) {
                try {
                    return Integer.parseInt(value.trim());
                } catch (NumberFormatException e) {
                    return fallback;
                }
            }
        }
        return fallback;
    }
}
