package org.modelcollapse.cli;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.modelcollapse.experiment.ChainFactory;
import org.modelcollapse.experiment.ExperimentResult;
import org.modelcollapse.experiment.ExperimentRunner;
import org.modelcollapse.experiment.ExperimentSettings;
import org.modelcollapse.random.ReplicateStreams;
import org.modelcollapse.simd.Kernels;

/**
 * What every simulating subcommand shares: checking the run options, running the replicates with a
 * progress bar, and writing summary.csv, checkpoints.csv, replicates.csv, manifest.json and the
 * plots into a staged output folder that appears only when everything is written.
 */
final class ExperimentRun {
    /** Draws a command's plots into the staging folder. */
    @FunctionalInterface
    interface PlotWriter {
        void write(Path dir, ExperimentResult result) throws IOException;
    }

    private ExperimentRun() {}

    /**
     * Checks the run options (before anything is written) and prints the root seed.
     *
     * @param generations the cap; null for the default ({@code defaultCap})
     */
    static ExperimentSettings settings(Integer generations, int defaultCap, boolean untilAbsorbed, int replicates, Integer threads, Long seed) {
        final int cap = generations != null ? generations : defaultCap;
        if (cap < 0) {
            throw new BadInputException("--generations", cap, "must be >= 0");
        }
        if (replicates < 1) {
            throw new BadInputException("--replicates", replicates, "must be >= 1");
        }
        final int t = threads != null ? threads : Runtime.getRuntime().availableProcessors();
        if (t < 1) {
            throw new BadInputException("--threads", t, "must be >= 1");
        }
        final long rootSeed = seed != null ? seed : ReplicateStreams.randomSeed();
        return new ExperimentSettings(replicates, cap, untilAbsorbed, t, rootSeed);
    }

    /**
     * Runs the replicates and writes every output file; on any failure the staged folder is removed.
     *
     * @param parameters the command's parameters for the manifest, in display order
     */
    static ExperimentResult runAndWrite(String model, OutputDirectory output, ChainFactory chains, List<String> metrics,
                                        ExperimentSettings settings, boolean seedDrawn, Map<String, Object> parameters,
                                        PlotWriter plots) throws IOException {
        System.out.println("seed " + settings.seed() + (seedDrawn ? " (drawn; pass --seed " + settings.seed() + " to repeat this run)" : ""));
        final Instant started = Instant.now();
        final ExperimentResult result;
        try (Progress progress = Progress.open(model, settings.replicates())) {
            result = ExperimentRunner.run(chains, metrics, settings, progress);
        }
        try {
            final Path dir = output.staging();
            ResultFiles.summary(dir.resolve("summary.csv"), result);
            ResultFiles.checkpoints(dir.resolve("checkpoints.csv"), result);
            ResultFiles.replicates(dir.resolve("replicates.csv"), result);
            ResultFiles.manifest(dir.resolve("manifest.json"), manifest(model, parameters, settings, result, started, seedDrawn));
            if (plots != null) {
                plots.write(dir, result);
            }
            output.commit();
        } catch (IOException | RuntimeException e) {
            output.abandon();
            throw e;
        }
        return result;
    }

    private static Map<String, Object> manifest(String model, Map<String, Object> parameters, ExperimentSettings settings,
                                                ExperimentResult result, Instant started, boolean seedDrawn) {
        final Map<String, Object> params = new LinkedHashMap<>();
        params.put("model", model);
        params.putAll(parameters);
        params.put("generations", settings.generations());
        params.put("until_absorbed", settings.untilAbsorbed());
        params.put("replicates", settings.replicates());
        final Map<String, Object> m = new LinkedHashMap<>();
        m.put("tool", "collapse");
        m.put("version", Versions.project());
        m.put("revision", Versions.revision());
        m.put("parameters", params);
        m.put("seed", settings.seed());
        m.put("seed_drawn", seedDrawn);
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
        return m;
    }

    /** Prints the run's rate line. */
    static void printRate(ExperimentResult r, Path dir) {
        System.out.printf(java.util.Locale.ROOT, "%,d replicate-generations in %.2f s wall (%.3g per CPU second on %d threads); wrote %s%n",
                r.replicateGenerations(), r.wallNanos() / 1e9, r.replicateGenerationsPerCpuSecond(), r.threads(), dir);
    }
}
