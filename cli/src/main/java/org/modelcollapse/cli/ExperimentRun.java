package org.modelcollapse.cli;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.modelcollapse.experiment.ChainFactory;
import org.modelcollapse.experiment.ExperimentResult;
import org.modelcollapse.experiment.ExperimentRunner;
import org.modelcollapse.experiment.ExperimentSettings;
import org.modelcollapse.experiment.MemoryEstimate;
import org.modelcollapse.experiment.ReplicateObserver;
import org.modelcollapse.experiment.SelectedMetricsChain;
import org.modelcollapse.process.SampleSizeSchedule;
import org.modelcollapse.simd.Kernels;

/**
 * What every simulating subcommand shares, in the order it happens: the checks that can be made
 * before computing (a run that cannot absorb asked to run until absorbed, memory, the output folder,
 * which is created now), then the replicates with a progress bar, then summary.csv, checkpoints.csv,
 * replicates.csv, the plots and manifest.json (last: it lists the files) into the staged folder, which
 * appears only when everything is written.
 */
final class ExperimentRun {
    /** Share of the JVM's heap limit a run may plan to fill: the rest is the JVM's own and slack. */
    static final double HEAP_SHARE = 0.85;

    /**
     * A command's run.
     *
     * @param command the qualified command name, for messages ("collapse discrete")
     * @param model the model's name in the manifest
     * @param chains makes each worker's chain
     * @param metrics the chain's metric count
     * @param settings the checked run settings
     * @param parameters the command's parameters for the manifest, in display order
     * @param memory the run's checked memory estimate ({@link #requireMemory})
     * @param notAbsorbing why a replicate can never absorb, or null if it can
     * @param notes lines printed after the seed, once every check has passed (how input files were read)
     * @param extras files of the family's own, written into the run's folder after the standard ones, or null
     */
    record Plan(String command, String model, ChainFactory chains, List<String> metrics, ExperimentSettings settings, boolean seedDrawn,
                Map<String, Object> parameters, Memory memory, String notAbsorbing, List<String> notes, ExtraFiles extras) {}

    /** Files a family writes beside the standard ones (listed in the manifest like them, so that --force may replace them). */
    @FunctionalInterface
    interface ExtraFiles {
        /**
         * @param dir the run's staging folder
         * @param plots false with --no-plots
         */
        void write(Path dir, boolean plots) throws IOException;

        /** @return told of the run's generations as they are run, so that {@link #write} need not run them again; or null */
        default ReplicateObserver observer() {
            return null;
        }
    }

    /**
     * A run's memory, checked.
     *
     * @param bytes the estimate
     * @param available what the JVM lets the run use
     */
    record Memory(double bytes, double available) {}

    private ExperimentRun() {}

    /**
     * Checks what can be known before the run, then runs it and writes every file; on any failure or
     * interruption the staged folder is removed.
     *
     * @return the result, written to {@code out}'s folder
     * @throws BadInputException before anything is computed or written
     */
    static ExperimentResult execute(Plan plan, RunOptions run) throws IOException {
        final ExperimentSettings settings = plan.settings();
        if (settings.untilAbsorbed() && plan.notAbsorbing() != null) {
            throw new BadInputException("--until-absorbed: " + plan.notAbsorbing() + "; give --generations G without --until-absorbed");
        }
        final List<String> measured = run.metrics(plan.metrics());
        final ChainFactory chains = measuredChains(plan, measured);
        final OutputDirectory output = OutputDirectory.prepare(plan.command(), run.out, run.force);
        try {
            System.out.println("seed " + settings.seed() + (plan.seedDrawn() ? " (drawn; pass --seed " + settings.seed() + " to repeat this run)" : ""));
            plan.notes().forEach(System.out::println);
            if (run.verbose) {
                System.out.println("kernels: " + Kernels.description());
                System.out.printf(Locale.ROOT, "memory: about %s planned, of %s this JVM may use%n", size(plan.memory().bytes()), size(plan.memory().available()));
            }
            final Instant started = Instant.now();
            final ExperimentResult result;
            try (Progress progress = Progress.open(plan.model(), settings.replicates())) {
                result = ExperimentRunner.run(chains, settings, progress, plan.extras() == null ? null : plan.extras().observer());
            }
            final Path dir = output.staging();
            ResultFiles.summary(dir.resolve(ResultFiles.SUMMARY), result);
            ResultFiles.checkpoints(dir.resolve(ResultFiles.CHECKPOINTS), result);
            ResultFiles.replicates(dir.resolve(ResultFiles.REPLICATES), result);
            ResultFiles.quantiles(dir.resolve(ResultFiles.QUANTILES), result);
            final Map<String, Object> parameters = parameters(plan, measured);
            if (!run.noPlots && result.lastGeneration() > 0) {
                Plots.draw(dir, RunFiles.read(dir, parameters), Plots.defaults(plan.model()).stream()
                        .filter(m -> measured.contains(m.name())).toList(), run.scale());
            } else if (!run.noPlots) {
                System.out.println("plots: none (a run of 0 generations has a single point per metric)");
            }
            if (plan.extras() != null) {
                plan.extras().write(dir, !run.noPlots);
            }
            ResultFiles.manifest(dir.resolve(OutputDirectory.MANIFEST), manifest(plan, parameters, result, started, filesIn(dir)));
            output.commit();
            return result;
        } catch (IOException | RuntimeException | Error e) {
            output.abandon();
            if (output.interrupted()) {
                // The shutdown hook removed the folder under the writer and said so; the JVM halts
                // when the hook returns, and this thread's failure is not worth a second message.
                while (true) {
                    java.util.concurrent.locks.LockSupport.park();
                }
            }
            throw e;
        }
    }

    /** @return the plan's chains, measuring only {@code measured} (a subset of the plan's metrics, in order) */
    static ChainFactory measuredChains(Plan plan, List<String> measured) {
        return measured.equals(plan.metrics()) ? plan.chains() : rng -> SelectedMetricsChain.of(plan.chains().create(rng), measured);
    }

    /**
     * Refuses, before anything large is allocated, a run whose memory exceeds what the JVM may use.
     *
     * @param m the chains' terms of the estimate (the runner's are added here)
     * @param sizes the run's sample sizes: with --until-absorbed, the longest replicate is expected within
     *     50 M + 1000 generations of the last M (the Wright–Fisher absorption time is of order M), at most the cap
     * @param metrics the chain's metric count
     * @param optionValues the value of each option a term can name ("--replicates" to 100)
     * @return the checked estimate
     * @throws BadInputException naming the option behind the largest term, the estimate and how to raise the limit
     */
    static Memory requireMemory(MemoryEstimate m, ExperimentSettings settings, SampleSizeSchedule sizes, int metrics,
                                Map<String, Object> optionValues) {
        final long expected = settings.untilAbsorbed()
                ? Math.min(settings.generations(), 50L * sizes.sizeAt(Math.max(0, settings.generations() - 1)) + 1000) : settings.generations();
        ExperimentRunner.estimate(settings, metrics, expected, m);
        final String option = m.largest() == null ? null : "--" + m.largest();
        final String named = option == null ? "the run" : option + " " + optionValues.get(option);
        if (m.impossible() != null) {
            throw new BadInputException(named + ": " + m.impossible());
        }
        final Runtime rt = Runtime.getRuntime();
        final double available = HEAP_SHARE * rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
        if (m.bytes() > available) {
            final double machine = ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                    ? os.getTotalMemorySize() : Double.NaN;
            final long suggested = (long) Math.ceil((m.bytes() / HEAP_SHARE + (rt.totalMemory() - rt.freeMemory())) / (1L << 30)) + 1;
            throw new BadInputException(String.format(Locale.ROOT,
                    "%s: the run needs about %s of memory and this JVM may use %s; raise the limit with JAVA_OPTS=-Xmx%dg%s, or lower %s",
                    named, size(m.bytes()), size(available), suggested,
                    Double.isNaN(machine) ? "" : " (this machine has " + size(machine) + ")", option == null ? "the run's sizes" : option));
        }
        return new Memory(m.bytes(), available);
    }

    /** @return bytes as "13.6 GB" (powers of 1024) */
    static String size(double bytes) {
        final String[] units = {"B", "KB", "MB", "GB", "TB", "PB"};
        int u = 0;
        double v = bytes;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return String.format(Locale.ROOT, u == 0 ? "%.0f %s" : "%.1f %s", v, units[u]);
    }

    private static List<String> filesIn(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return Stream.concat(s.map(p -> p.getFileName().toString()), Stream.of(OutputDirectory.MANIFEST)).sorted().distinct().toList();
        }
    }

    /** @return the manifest's "parameters": the model, the command's own, and the run's length */
    private static Map<String, Object> parameters(Plan plan, List<String> measured) {
        final ExperimentSettings settings = plan.settings();
        final Map<String, Object> params = new LinkedHashMap<>();
        params.put("model", plan.model());
        params.putAll(plan.parameters());
        params.put("generations", settings.generations());
        params.put("until_absorbed", settings.untilAbsorbed());
        params.put("replicates", settings.replicates());
        params.put("metrics", measured);
        return params;
    }

    private static Map<String, Object> manifest(Plan plan, Map<String, Object> params, ExperimentResult result, Instant started, List<String> files) {
        final ExperimentSettings settings = plan.settings();
        final Map<String, Object> m = new LinkedHashMap<>();
        m.put("tool", "collapse");
        m.put("version", Versions.project());
        m.put("revision", Versions.revision());
        m.put("parameters", params);
        m.put("seed", settings.seed());
        m.put("seed_drawn", plan.seedDrawn());
        m.put("threads", result.threads());
        m.put("generations_reported", result.lastGeneration());
        m.put("jdk", Runtime.version().toString());
        m.put("jvm", System.getProperty("java.vm.name"));
        m.put("os_arch", System.getProperty("os.arch"));
        m.put("simd", Kernels.description());
        final Map<String, Object> timing = new LinkedHashMap<>();
        timing.put("started", started.toString());
        timing.put("wall_seconds", result.wallNanos() / 1e9);
        timing.put("cpu_seconds", result.cpuNanos() / 1e9);
        // The workers' CPU time above leaves out the rest of the JVM (start-up, JIT compiler threads,
        // the SIMD kernels' warm-up, GC): recorded so that a reader can see how much that was.
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            timing.put("process_cpu_seconds", os.getProcessCpuTime() / 1e9);
        }
        timing.put("replicate_generations", result.replicateGenerations());
        timing.put("replicate_generations_per_cpu_second", result.replicateGenerationsPerCpuSecond());
        m.put("timing", timing);
        m.put("files", files);
        return m;
    }

    /**
     * Prints the mean of some metrics at the checkpoint generations, a column per metric the run
     * measured (a metric left out by --metrics has none), then the rate line.
     *
     * @param columns metric names, each followed by its column heading
     */
    static void printMeans(ExperimentResult r, Path dir, String... columns) {
        final List<Integer> index = new ArrayList<>();
        final StringBuilder header = new StringBuilder(String.format(Locale.ROOT, "%10s", "generation"));
        for (int c = 0; c < columns.length; c += 2) {
            if (r.metricNames().contains(columns[c])) {
                index.add(r.metricNames().indexOf(columns[c]));
                header.append(String.format(Locale.ROOT, " %14s", columns[c + 1]));
            }
        }
        System.out.println(header);
        for (int g : r.checkpointGenerations()) {
            final StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "%10d", g));
            for (int k : index) {
                row.append(String.format(Locale.ROOT, " %14.4g", r.statistics().mean(g, k)));
            }
            System.out.println(row);
        }
        printRate(r, dir);
    }

    /** Prints the run's rate line. */
    static void printRate(ExperimentResult r, Path dir) {
        System.out.printf(Locale.ROOT, "%,d replicate-generations in %.2f s wall (%.3g per CPU second on %d threads); wrote %s%n",
                r.replicateGenerations(), r.wallNanos() / 1e9, r.replicateGenerationsPerCpuSecond(), r.threads(), dir);
    }
}
