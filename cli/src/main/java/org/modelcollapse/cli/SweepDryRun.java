package org.modelcollapse.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import org.modelcollapse.cli.sweep.Cell;
import org.modelcollapse.cli.sweep.Sweep;
import org.modelcollapse.cli.sweep.SweepRun;
import org.modelcollapse.cli.sweep.SweepStore;

/**
 * A sweep's {@code --dry-run}, for every runner: lists the cells (those DIR already holds as done) with
 * each one's time estimated from a short pilot of its first replicate ({@link CellPilot}), then the sweep's time and memory.
 * It writes nothing.
 */
public final class SweepDryRun {
    private SweepDryRun() {}

    /**
     * @param out the sweep's output folder: its finished cells are listed as done
     * @param threads worker threads of each cell's replicates
     * @param memoryBytes the sweep's memory estimate, from {@link SweepRun#check}
     * @param to receives the listing
     * @return the estimated seconds of the cells not done, one cell at a time on {@code threads} threads
     */
    public static double print(Sweep sweep, Path out, int threads, double memoryBytes, PrintStream to) throws IOException {
        final Set<String> done = new HashSet<>();
        if (Files.exists(out.resolve(SweepStore.DATABASE))) {
            try (SweepStore store = SweepStore.open(out)) {
                done.addAll(store.done());
            }
        }
        double seconds = 0;
        int unbounded = 0;
        int failed = 0;
        for (Cell c : sweep.cells()) {
            final StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "cell %d", c.index()));
            c.axisValues().forEach((k, v) -> b.append(' ').append(k).append('=').append(v));
            b.append(" seed=").append(c.seed());
            if (done.contains(c.key())) {
                to.println(b.append(": done"));
                continue;
            }
            final CellPilot pilot;
            try {
                pilot = CellPilot.run(sweep.family(), c, CellPilot.DEFAULT_NANOS, threads);
            } catch (RuntimeException | OutOfMemoryError e) {
                failed++;
                to.println(b.append(": no estimate, its pilot failed: ").append(e.getMessage()));
                continue;
            }
            final boolean bounded = pilot.bounded();
            final double cell = pilot.cellSeconds(sweep.replicates(), threads);
            unbounded += bounded ? 0 : 1;
            seconds += cell;
            to.println(b.append(String.format(Locale.ROOT, ": %s%s", bounded ? "about " : "at least ", SweepRun.duration(cell))));
        }
        to.printf(Locale.ROOT, "%d cells (%d done); estimated time %s%s, one cell at a time on %s (one pilot replicate per cell); "
                + "memory about %s at most (one cell at a time)%n", sweep.cells().size(), done.size(), unbounded > 0 ? "at least " : "about ",
                SweepRun.duration(seconds), threads == 1 ? "1 thread" : threads + " threads", ExperimentRun.size(memoryBytes));
        if (failed > 0) {
            to.printf(Locale.ROOT, "%d cells could not be piloted (above): the estimate leaves them out, and they would fail where they run%n", failed);
        }
        if (unbounded > 0) {
            to.printf(Locale.ROOT, "%d cells were still running (--until-absorbed) when their pilot ended: their estimates are lower bounds%n", unbounded);
        }
        return seconds;
    }
}
