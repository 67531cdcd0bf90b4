package org.modelcollapse.cli;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.modelcollapse.cli.sweep.Cell;
import org.modelcollapse.cli.sweep.Sweep;
import org.modelcollapse.experiment.Chain;

/**
 * A short run of a sweep cell's first replicate, timing its generations: the estimate behind a sweep's
 * {@code --dry-run} and behind the longest-first order in which a parallel runner hands out cells.
 *
 * @param secondsPerGeneration wall seconds per generation of one replicate, on one thread
 * @param generations the generations one replicate is estimated to run: the cap, or those the pilot saw
 *     before absorption; a replicate still alive at the pilot's end ran at least these
 * @param cap the run's generation cap (with {@code --until-absorbed}, the most it may run)
 * @param bounded false when the replicate was still running ({@code --until-absorbed}) as the pilot ended:
 *     {@link #cellSeconds} is then a lower bound
 */
public record CellPilot(double secondsPerGeneration, long generations, long cap, boolean bounded) {
    /** Wall time a dry run's pilot spends on one cell's first replicate. */
    public static final long DEFAULT_NANOS = 50_000_000L;

    /**
     * Runs replicate 0 of the cell for up to {@code nanos} of wall time, or to its end if that comes sooner.
     *
     * @param threads the threads the cell will run on, as its memory is checked for them
     * @throws RuntimeException what the cell's planning or its chain throws (memory refused, say)
     */
    public static CellPilot run(String family, Cell cell, long nanos, int threads) {
        final List<String> args = new ArrayList<>(cell.args());
        args.addAll(List.of("--threads", Integer.toString(threads)));
        final PlannedRun plan = PlannedRun.of(family, args);
        final Chain chain = plan.replicateZero();
        final int cap = plan.settings().generations();
        final boolean untilAbsorbed = plan.settings().untilAbsorbed();
        final long start = System.nanoTime();
        while (chain.generation() < cap && !(untilAbsorbed && chain.absorbed()) && System.nanoTime() - start < nanos) {
            chain.step();
        }
        final double perGeneration = (System.nanoTime() - start) / 1e9 / Math.max(1, chain.generation());
        final boolean bounded = !untilAbsorbed || chain.absorbed() || chain.generation() >= cap;
        return new CellPilot(perGeneration, untilAbsorbed ? chain.generation() : cap, cap, bounded);
    }

    /** @return the estimated wall seconds of the whole cell, its replicates on {@code threads} threads (a lower bound if not {@link #bounded}) */
    public double cellSeconds(int replicates, int threads) {
        return secondsPerGeneration * generations * replicates / Math.min(threads, replicates);
    }

    /**
     * @return the longest the whole cell may take, its replicates on {@code threads} threads: {@link #cellSeconds},
     *     or with the generation cap where the pilot ended before the replicate did
     */
    public double longestSeconds(int replicates, int threads) {
        return secondsPerGeneration * (bounded ? generations : cap) * replicates / Math.min(threads, replicates);
    }

    /**
     * Orders cells longest first by their pilots, so that a runner with many cores does not end on its longest
     * cell alone. A cell whose pilot ended before it did counts at its generation cap, an upper bound: these
     * come first, the costlier a generation the earlier. Making a cell's chain may itself take long (a language
     * model is fitted to its corpus), so pilots stop at a deadline: the cells not piloted by then come first of
     * all, in their own order, as cells of unknown length; so do cells whose pilot failed, which then fail
     * (and are recorded) where they run.
     *
     * @param nanos each cell's pilot time
     * @param deadline the {@link System#nanoTime} after which no pilot starts
     * @param threads each cell's threads
     * @return the cells, longest first; ties keep their order
     */
    public static List<Cell> longestFirst(Sweep sweep, List<Cell> cells, long nanos, long deadline, int threads) {
        final double[] key = new double[sweep.cells().size()];
        for (Cell c : cells) {
            key[c.index()] = Double.POSITIVE_INFINITY;
            if (System.nanoTime() - deadline > 0) {
                continue;
            }
            try {
                final CellPilot p = run(sweep.family(), c, nanos, threads);
                key[c.index()] = p.longestSeconds(sweep.replicates(), threads);
            } catch (RuntimeException | OutOfMemoryError e) {
                // Left at +infinity: the cell's own run records why it fails.
            }
        }
        return cells.stream().sorted(Comparator.comparingDouble((Cell c) -> key[c.index()]).reversed()).toList();
    }
}
