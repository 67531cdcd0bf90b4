package org.modelcollapse.cli;

import java.nio.file.Path;
import org.modelcollapse.experiment.ExperimentSettings;
import org.modelcollapse.process.SampleSizeSchedule;
import picocli.CommandLine.Option;

/** The options every simulating subcommand shares (a picocli mixin): schedule, run length, replicates, seed, threads, output. */
final class RunOptions {
    @Option(names = "--schedule", paramLabel = "KIND", description = "Sample-size schedule: constant, linear (M + r n) or power (M (n+1)^r) (default: ${DEFAULT-VALUE}).", defaultValue = "constant")
    String schedule;

    @Option(names = "--schedule-rate", paramLabel = "R", description = "Slope or exponent r of the schedule (default: ${DEFAULT-VALUE}).", defaultValue = "0")
    double scheduleRate;

    @Option(names = "--generations", paramLabel = "G", description = "Generations to run; with --until-absorbed the cap (default: 100; 1000000 with --until-absorbed).")
    Integer generations;

    @Option(names = "--until-absorbed", description = "Run every replicate until it is absorbed, at most --generations.")
    boolean untilAbsorbed;

    @Option(names = "--replicates", paramLabel = "R", description = "Independent replicates (default: ${DEFAULT-VALUE}).", defaultValue = "100")
    int replicates;

    @Option(names = "--seed", paramLabel = "SEED", description = "Root seed of every random number (default: drawn, printed and recorded).")
    Long seed;

    @Option(names = "--threads", paramLabel = "T", description = "Worker threads; output does not depend on it (default: all cores).")
    Integer threads;

    @Option(names = "--out", paramLabel = "DIR", description = "Output folder (default: ${DEFAULT-VALUE}).", defaultValue = "collapse-out")
    Path out;

    @Option(names = "--force", description = "Replace a non-empty output folder.")
    boolean force;

    @Option(names = "--no-plots", description = "Do not draw the PNG plots.")
    boolean noPlots;

    /** @return M_n for base size m, from --schedule and --schedule-rate */
    SampleSizeSchedule schedule(int m) {
        if (!"constant".equals(schedule) && (!(scheduleRate >= 0) || Double.isInfinite(scheduleRate))) {
            throw new BadInputException("--schedule-rate", scheduleRate, "must be finite and >= 0");
        }
        return switch (schedule) {
            case "constant" -> SampleSizeSchedule.constant(m);
            case "linear" -> SampleSizeSchedule.linear(m, scheduleRate);
            case "power" -> SampleSizeSchedule.power(m, scheduleRate);
            default -> throw new BadInputException("--schedule", schedule, "allowed are constant, linear, power");
        };
    }

    /** @return the checked run settings (100 generations by default, 1,000,000 with --until-absorbed) */
    ExperimentSettings settings() {
        return ExperimentRun.settings(generations, untilAbsorbed ? 1_000_000 : 100, untilAbsorbed, replicates, threads, seed);
    }

    /** @return true if the root seed was drawn rather than given */
    boolean seedDrawn() {
        return seed == null;
    }
}
