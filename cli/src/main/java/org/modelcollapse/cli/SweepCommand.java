package org.modelcollapse.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.modelcollapse.cli.sweep.LocalSweep;
import org.modelcollapse.cli.sweep.Sweep;
import org.modelcollapse.cli.sweep.SweepFile;
import org.modelcollapse.cli.sweep.SweepRun;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code collapse sweep FILE}: a grid of runs of one family, stored in DuckDB and exported as Parquet and CSV. */
@Command(name = "sweep", mixinStandardHelpOptions = true, sortOptions = false, usageHelpWidth = 120,
        description = {"Runs every cell of a sweep file (TOML, or YAML for .yaml/.yml) and stores the results in DIR:",
            "sweep.duckdb (DuckDB), and per table NAME.parquet and NAME.csv: cells (one row per cell: its axis values, seed, status, error),",
            "summary (per cell, generation and metric: replicates, mean, se, q05, q50, q95), replicates (per cell and replicate: absorbed_at,",
            "absorbing_state, last_generation), replicate_metrics (per cell, replicate and metric: final_value), timings; manifest.json.",
            "A cell's seed derives from the root seed and the cell's options (SHA-256), not from its position: adding an axis value",
            "leaves every other cell's results unchanged. Run it again with the same --out to resume: cells stored as done are kept and",
            "skipped; a cell interrupted while running, or failed, is run again. A cell that fails is recorded with its message; the",
            "others go on (exit status 1 at the end). A bad sweep file is refused before anything runs (exit status 2).",
            "",
            "The sweep file:",
            "  family = \"discrete\"            # a family: discrete, gaussian, gmm, regression, kde, lm",
            "  seed = 2024                    # the root seed (required)",
            "  replicates = 100               # per cell (default 100)",
            "  summary_generations = \"band\"   # or \"every\": the summary's generations (band: the few hundred of the quantile band)",
            "  zip = [[\"states\", \"samples\"]]  # optional: axes advanced together (equal lengths); the other axes are crossed",
            "  [options]                      # fixed options of collapse FAMILY, long names without dashes",
            "  init = \"uniform\"",
            "  until-absorbed = true          # a flag: true gives it, false leaves it out",
            "  [axes]                         # each axis a list, or a range (integers when from and to are integers)",
            "  states = [10, 100, 1000]",
            "  samples = { from = 10, to = 100000, count = 9, scale = \"log\" }   # or step = S (linear), a factor (log)",
            "Crossed axes vary the last fastest. --seed, --replicates, --threads, --out and the plot options are the sweep's own."},
        footerHeading = "%nExamples:%n",
        footer = {"  collapse sweep results/figures/kazdan-categorical/sweep.toml --out runs/kazdan",
            "  collapse sweep grid.toml --dry-run"})
final class SweepCommand implements Callable<Integer> {
    @Parameters(paramLabel = "FILE", description = "The sweep file.")
    Path file;

    @Option(names = "--out", paramLabel = "DIR", description = "Output folder: created, or resumed if it holds this kind of sweep (default: ${DEFAULT-VALUE}).",
            defaultValue = "sweep-out")
    Path out;

    @Option(names = "--threads", paramLabel = "T", converter = Converters.Positive.class,
            description = "Worker threads of each cell's replicates; results do not depend on it (default: all cores).")
    Integer threads;

    @Option(names = "--dry-run", description = "List the cells and estimate time and memory from a short pilot of each; run and write nothing.")
    boolean dryRun;

    @Override
    public Integer call() throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new BadInputException("FILE", file, "is not a file");
        }
        final Sweep sweep = SweepFile.read(file);
        final int t = threads != null ? threads : Runtime.getRuntime().availableProcessors();
        final double memory = SweepRun.check(sweep, t);
        if (dryRun) {
            SweepDryRun.print(sweep, out, t, memory, System.out);
            return 0;
        }
        System.out.printf(Locale.ROOT, "%s: %d cells of collapse %s, %d replicates each, root seed %d%n", sweep.file(), sweep.cells().size(),
                sweep.family(), sweep.replicates(), sweep.rootSeed());
        final int[] counts;
        try (Progress progress = Progress.open("sweep", sweep.replicates())) {
            counts = LocalSweep.run(sweep, out, t, System.out, progress);
        }
        System.out.printf(Locale.ROOT, "%d cells done, %d failed; wrote %s%n", counts[0], counts[1], out.toAbsolutePath().normalize());
        return counts[1] > 0 ? 1 : 0;
    }
}
