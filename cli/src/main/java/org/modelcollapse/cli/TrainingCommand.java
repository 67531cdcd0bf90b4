package org.modelcollapse.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * The start-up cache's training run (the launcher's, once per build; hidden from help): short runs
 * of what a user's first commands do, so that JDK 25's AOT cache (JEPs 483 and 515) holds their
 * classes loaded and linked, and their method profiles: each family's {@link FamilyCli#trainingRuns},
 * in the order of {@link Families}, with plots, whose chart and image classes otherwise take most of a
 * small run's start.
 */
@Command(name = "aot-training", hidden = true, description = "Runs the start-up cache's training workload into DIR.")
final class TrainingCommand implements Callable<Integer> {
    @Parameters(paramLabel = "DIR", description = "An empty folder for the runs' output.")
    Path dir;

    @Override
    public Integer call() {
        final String[][] runs = Families.ALL.stream().flatMap(f -> f.trainingRuns().stream()).toArray(String[][]::new);
        for (int i = 0; i < runs.length; i++) {
            final String[] args = java.util.Arrays.copyOf(runs[i], runs[i].length + 2);
            args[args.length - 2] = "--out";
            args[args.length - 1] = dir.resolve("run" + i).toString();
            final int status = CollapseCommand.commandLine().execute(args);
            if (status != 0) {
                return status;
            }
        }
        return 0;
    }
}
