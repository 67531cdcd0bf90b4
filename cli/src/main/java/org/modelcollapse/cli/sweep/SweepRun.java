package org.modelcollapse.cli.sweep;

import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.modelcollapse.cli.PlannedRun;

/**
 * What every sweep runner shares around the cells it computes: the checks before anything runs (every
 * cell planned by its family's command), the output folder (created, or an earlier run of a sweep
 * resumed), the store, and at the end the exports and manifest.json. A runner computes the pending
 * cells ({@link #pending}) its own way and hands each result to {@link #store} as it arrives.
 */
public final class SweepRun implements AutoCloseable {
    /** The manifest's name. */
    public static final String MANIFEST = "manifest.json";

    private final Sweep sweep;
    private final Path out;
    private final SweepStore store;
    private final String runner;
    private final Instant started = Instant.now();
    private final long start = System.nanoTime();
    private final List<Cell> pending;
    private final int resumed;
    private double cpuSeconds;

    private SweepRun(Sweep sweep, Path out, SweepStore store, String runner, List<Cell> pending, int resumed) {
        this.sweep = sweep;
        this.out = out;
        this.store = store;
        this.runner = runner;
        this.pending = pending;
        this.resumed = resumed;
    }

    /**
     * Plans every cell with its family's command, as the run would, without running any.
     *
     * @return the largest cell's planned memory, in bytes (cells run one at a time)
     * @throws SweepFileException for the first cell its family refuses, naming its axis values and why
     */
    public static double check(Sweep sweep, int threads) {
        double memory = 0;
        for (Cell c : sweep.cells()) {
            final List<String> args = new ArrayList<>(c.args());
            args.addAll(List.of("--threads", Integer.toString(threads)));
            try {
                final double m = PlannedRun.of(sweep.family(), args).memoryBytes();
                memory = Double.isNaN(m) ? memory : Math.max(memory, m);
            } catch (IllegalArgumentException e) {
                throw SweepFile.badCell(sweep, c, e.getMessage());
            }
        }
        return memory;
    }

    /**
     * Opens the output folder: a new or empty one is created; one holding a sweep's database is resumed.
     *
     * @throws SweepFileException for a folder that holds anything else (it is never written into)
     */
    public static SweepRun open(Sweep sweep, Path out, String runner) throws IOException {
        if (Files.exists(out) && !Files.isDirectory(out)) {
            throw new SweepFileException("--out " + out + ": is a file; give a folder");
        }
        if (Files.isDirectory(out) && !Files.exists(out.resolve(SweepStore.DATABASE))) {
            try (Stream<Path> s = Files.list(out)) {
                if (s.findAny().isPresent()) {
                    throw new SweepFileException("--out " + out + ": exists and holds no " + SweepStore.DATABASE
                            + " (not a sweep's folder); give a new or empty folder");
                }
            }
        }
        Files.createDirectories(out);
        final SweepStore store = SweepStore.open(out);
        final Set<String> done = store.done();
        final List<Cell> pending = sweep.cells().stream().filter(c -> !done.contains(c.key())).toList();
        final String copy = "sweep" + (sweep.file().toLowerCase(Locale.ROOT).matches(".*\\.ya?ml") ? ".yaml" : ".toml");
        Files.writeString(out.resolve(copy), sweep.text());
        return new SweepRun(sweep, out, store, runner, pending, sweep.cells().size() - pending.size());
    }

    /** @return the cells not yet stored as done, in enumeration order */
    public List<Cell> pending() {
        return pending;
    }

    /** @return cells already done when the run opened (resumed) */
    public int resumed() {
        return resumed;
    }

    /** Stores one cell's result, in a transaction of its own. */
    public void store(Cell cell, CellResult result) throws IOException {
        store.write(cell, result, runner);
        cpuSeconds += result.cpuSeconds();
    }

    /**
     * Exports the tables and writes the manifest.
     *
     * @param extra entries the runner adds to the manifest (Spark's master, say)
     * @return {done, failed} cell counts
     */
    public int[] finish(int threads, Map<String, Object> extra) throws IOException {
        final List<String> files = new ArrayList<>(store.export(sweep, out));
        final int[] counts = store.counts(sweep);
        final Map<String, Object> m = new LinkedHashMap<>();
        m.put("tool", "collapse sweep");
        m.put("version", org.modelcollapse.cli.ResultFiles.class.getPackage().getImplementationVersion());
        m.put("sweep_file", sweep.file());
        m.put("sweep_sha256", sweep.sha256());
        m.put("family", sweep.family());
        m.put("root_seed", sweep.rootSeed());
        m.put("replicates", sweep.replicates());
        m.put("summary_generations", sweep.everyGeneration() ? "every" : "band");
        m.put("axes", sweep.axes());
        m.put("cells", sweep.cells().size());
        m.put("cells_done", counts[0]);
        m.put("cells_failed", counts[1]);
        m.put("cells_resumed", resumed);
        m.put("runner", runner);
        m.put("threads", threads);
        m.put("jdk", Runtime.version().toString());
        m.put("os_arch", System.getProperty("os.arch"));
        final Map<String, Object> timing = new LinkedHashMap<>();
        timing.put("started", started.toString());
        timing.put("wall_seconds", (System.nanoTime() - start) / 1e9);
        timing.put("cells_cpu_seconds", cpuSeconds);
        m.put("timing", timing);
        m.putAll(extra);
        files.add(SweepStore.DATABASE);
        files.add(MANIFEST);
        m.put("files", files);
        Files.writeString(out.resolve(MANIFEST), JSON.std.with(JSON.Feature.PRETTY_PRINT_OUTPUT).asString(m) + "\n");
        return counts;
    }

    /**
     * Prints a cell's line: its number, how many of the sweep's cells are done with it, its axis values, and its
     * time or failure.
     */
    public static void report(PrintStream log, Cell cell, int done, int total, CellResult r) {
        final StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "cell %d (%d of %d)", cell.index(), done, total));
        cell.axisValues().forEach((k, v) -> b.append(' ').append(k).append('=').append(v));
        b.append(r.error() == null ? ": done in " + duration(r.wallSeconds()) : ": FAILED: " + r.error());
        log.println(b);
    }

    /** @return seconds as a person reads them: "0.02 s", "12.3 s", "4.5 min", "2.1 h" */
    public static String duration(double s) {
        return s < 10 ? String.format(Locale.ROOT, "%.2f s", s) : s < 120 ? String.format(Locale.ROOT, "%.1f s", s)
                : s < 7200 ? String.format(Locale.ROOT, "%.1f min", s / 60) : String.format(Locale.ROOT, "%.1f h", s / 3600);
    }

    @Override
    public void close() throws IOException {
        store.close();
    }
}
