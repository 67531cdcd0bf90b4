package org.modelcollapse.cli.sweep;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;
import org.modelcollapse.experiment.ProgressListener;

/** The local runner: the pending cells one after another, each cell's replicates on the given threads. */
public final class LocalSweep {
    private LocalSweep() {}

    /**
     * @return {done, failed} counts of the sweep's cells
     */
    public static int[] run(Sweep sweep, Path out, int threads, PrintStream log, ProgressListener progress) throws IOException {
        try (SweepRun run = SweepRun.open(sweep, out, "local")) {
            if (run.resumed() > 0) {
                log.printf("resuming: %d of %d cells are done; running the other %d%n", run.resumed(), sweep.cells().size(), run.pending().size());
            }
            int done = run.resumed();
            for (Cell cell : run.pending()) {
                final CellResult r = CellResult.run(sweep.family(), cell, threads, sweep.everyGeneration(), progress);
                run.store(cell, r);
                SweepRun.report(log, cell, ++done, sweep.cells().size(), r);
            }
            return run.finish(threads, Map.of());
        }
    }
}
