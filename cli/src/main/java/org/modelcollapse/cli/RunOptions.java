package org.modelcollapse.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.modelcollapse.experiment.ExperimentSettings;
import org.modelcollapse.process.SampleSizeSchedule;
import org.modelcollapse.random.ReplicateStreams;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The options every simulating subcommand shares (a picocli mixin): schedule, run length, replicates, seed, threads, output. */
final class RunOptions {
    /** The cap of --until-absorbed when --generations is not given. */
    static final int UNTIL_ABSORBED_CAP = 1_000_000;

    @Option(names = "--schedule", paramLabel = "KIND", description = "Sample-size schedule: constant, linear (M + r n) or power (M (n+1)^r) (default: ${DEFAULT-VALUE}).", defaultValue = "constant")
    String schedule;

    @Option(names = "--schedule-rate", paramLabel = "R", description = "Slope or exponent r of a linear or power schedule (default: 0).")
    Double scheduleRate;

    @Option(names = "--generations", paramLabel = "G", converter = Converters.NonNegative.class,
            description = "Generations to run; with --until-absorbed the cap (default: 100, collapse lm 10; 1000000 with --until-absorbed).")
    Integer generations;

    @Option(names = "--until-absorbed", description = "Run every replicate until it is absorbed, at most --generations; refused for a process that cannot absorb.")
    boolean untilAbsorbed;

    @Option(names = "--replicates", paramLabel = "R", converter = Converters.Positive.class, description = "Independent replicates (default: ${DEFAULT-VALUE}, collapse lm 5).", defaultValue = "100")
    int replicates;

    @Option(names = "--seed", paramLabel = "SEED", description = "Root seed of every random number (default: drawn, printed and recorded).")
    Long seed;

    @Option(names = "--threads", paramLabel = "T", converter = Converters.Positive.class, description = "Worker threads; output does not depend on it (default: all cores).")
    Integer threads;

    @Option(names = "--out", paramLabel = "DIR", description = "Output folder, created by the run (default: ${DEFAULT-VALUE}).", defaultValue = "collapse-out")
    Path out;

    @Option(names = "--force", description = "Replace an output folder that collapse wrote earlier (its manifest.json lists every file in it); never any other folder.")
    boolean force;

    @Option(names = "--metrics", paramLabel = "LIST", split = ",",
            description = "Metrics to measure and write, comma-separated (default: all); a Gaussian run without min_eigenvalue, max_eigenvalue and w2_squared computes no eigenvalues.")
    List<String> metrics;

    @Option(names = "--no-plots", description = "Do not draw the PNG plots.")
    boolean noPlots;

    @Option(names = "--verbose", description = "Also print the SIMD kernels in use and the memory estimate.")
    boolean verbose;

    @Mixin
    PlotScaleOptions plotScale;

    /**
     * @param all the model's metrics, in order
     * @return the metrics named by --metrics, in the model's order (all of them without the option)
     * @throws BadInputException for a name that is not a metric of the model, or one named twice
     */
    List<String> metrics(List<String> all) {
        if (metrics == null) {
            return all;
        }
        final java.util.Set<String> named = new java.util.HashSet<>();
        for (String m : metrics) {
            if (!all.contains(m)) {
                throw new BadInputException("--metrics", String.join(",", metrics), (m.isEmpty() ? "has an empty name" : "names an unknown metric " + m)
                        + "; the metrics are " + String.join(", ", all));
            }
            if (!named.add(m)) {
                throw new BadInputException("--metrics", String.join(",", metrics), "names " + m + " twice");
            }
        }
        return all.stream().filter(named::contains).toList();
    }

    /** @return the plots' y axis from --log-y and --linear-y */
    Plots.Scale scale() {
        return plotScale.scale();
    }

    /** @param sizes the schedule: its kind and rate go into the manifest, for plots redrawn later */
    static void describe(SampleSizeSchedule sizes, java.util.Map<String, Object> params) {
        params.put("schedule", sizes.toString());
        params.put("schedule_kind", sizes.kind().name().toLowerCase(Locale.ROOT));
        params.put("schedule_rate", sizes.rate());
    }

    /** @return M_n for base size m, from --schedule and --schedule-rate */
    SampleSizeSchedule schedule(int m) {
        if ("constant".equals(schedule)) {
            if (scheduleRate != null) {
                throw new BadInputException("--schedule-rate", scheduleRate, "applies to --schedule linear or power, not to the constant schedule");
            }
            return SampleSizeSchedule.constant(m);
        }
        final double rate = scheduleRate != null ? scheduleRate : 0;
        if (!(rate >= 0) || Double.isInfinite(rate)) {
            throw new BadInputException("--schedule-rate", rate, "must be finite and >= 0");
        }
        return switch (schedule) {
            case "linear" -> SampleSizeSchedule.linear(m, rate);
            case "power" -> SampleSizeSchedule.power(m, rate);
            default -> throw new BadInputException("--schedule", schedule, "allowed are constant, linear, power");
        };
    }

    /** @return the run's last generation: --generations, or its default (100; the cap with --until-absorbed) */
    int generations() {
        return generations != null ? generations : untilAbsorbed ? UNTIL_ABSORBED_CAP : 100;
    }

    /**
     * @param sizes the schedule, checked against the run's length: every M_n must fit in 2^31 - 1 points
     * @return the checked run settings, the root seed drawn if none was given
     */
    ExperimentSettings settings(SampleSizeSchedule sizes) {
        final int last = generations();
        // Generation n's data are M_n points, for n = 0 .. last - 1.
        final long overflow = sizes.firstOverflow(Math.max(0, last - 1));
        if (overflow >= 0) {
            throw new BadInputException(String.format(Locale.ROOT,
                    "--schedule %s --schedule-rate %s: M_n = %s exceeds 2^31 - 1 points at generation %d of %d%s", schedule,
                    scheduleRate, sizes, overflow, last, untilAbsorbed && generations == null ? " (the --until-absorbed cap; lower it with --generations)" : ""));
        }
        return ExperimentSettings.builder().replicates(replicates).generations(last).untilAbsorbed(untilAbsorbed)
                .threads(threads != null ? threads : Runtime.getRuntime().availableProcessors())
                .seed(seed != null ? seed : ReplicateStreams.randomSeed()).build();
    }

    /** @return true if the root seed was drawn rather than given */
    boolean seedDrawn() {
        return seed == null;
    }
}
