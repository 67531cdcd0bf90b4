package org.modelcollapse.spark;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.apache.spark.api.java.JavaFutureAction;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.modelcollapse.cli.CellPilot;
import org.modelcollapse.cli.SweepDryRun;
import org.modelcollapse.cli.sweep.Cell;
import org.modelcollapse.cli.sweep.CellResult;
import org.modelcollapse.cli.sweep.Sweep;
import org.modelcollapse.cli.sweep.SweepFile;
import org.modelcollapse.cli.sweep.SweepRun;
import org.modelcollapse.cli.sweep.SweepStore;

/**
 * {@code spark-submit --class org.modelcollapse.spark.SparkSweep collapse-spark.jar sweep FILE --out DIR}:
 * the sweep of {@code collapse sweep}, its cells distributed as Spark tasks: one single-task job per cell, up to
 * {@value #IN_FLIGHT_PER_SLOT} per task slot in flight, each cell's replicates on its task's {@value #TASK_CPUS}
 * cores (1 by default). Cells go out longest first by a short pilot of each ({@link CellPilot}), so that the
 * cores do not end idle beside the longest cell (the LPT rule, Graham 1969). The driver checks the file,
 * resumes DIR like the local runner, and stores each cell's rows as its job ends, through the same
 * {@link SweepRun}, so that the tables are byte for byte the local runner's; it then also writes them with
 * Spark's DataFrame writer under DIR/spark/. The master is spark-submit's, else {@code local[*]}. With
 * {@code --dry-run} it lists the cells and their estimates as {@code collapse sweep --dry-run} does, for the
 * task's cores, and starts no Spark.
 */
public final class SparkSweep {
    /** Cells in flight per task slot: a slot's next cell is queued, so it does not wait for the driver between cells. */
    private static final int IN_FLIGHT_PER_SLOT = 4;
    /** Spark's cores per task: each cell's replicates run on that many threads (the results do not depend on it). */
    static final String TASK_CPUS = "spark.task.cpus";
    private static final int MIN_IN_FLIGHT = 8;
    /** How often the driver looks for ended jobs: small beside a cell, which runs a Spark job of its own. */
    private static final long POLL_MILLIS = 5;
    /** After this long the driver starts no more pilots (cells not piloted go first); making a cell's chain may outlast its pilot. */
    private static final long PILOT_BUDGET_NANOS = 5_000_000_000L;

    private SparkSweep() {}

    /** Entry point. */
    public static void main(String[] args) throws IOException {
        System.exit(command(args, System.out, System.err));
    }

    /**
     * The command line, without the exit.
     *
     * @return the exit status: 0 if every cell ran (or the dry run listed them), 1 if some cell failed, 2 for bad input
     */
    static int command(String[] args, PrintStream out, PrintStream err) throws IOException {
        final boolean dryRun = args.length == 5 && args[4].equals("--dry-run");
        if (args.length != 4 && !dryRun || !args[0].equals("sweep") || !args[2].equals("--out")) {
            err.println("collapse-spark: usage: sweep FILE --out DIR [--dry-run]");
            return 2;
        }
        final int threads;
        try {
            threads = taskCpus(System.getProperty(TASK_CPUS, "1"));
        } catch (IllegalArgumentException e) {
            err.println("collapse-spark sweep: " + e.getMessage());
            return 2;
        }
        final Sweep sweep;
        final double memory;
        try {
            sweep = SweepFile.read(Path.of(args[1]));
            memory = SweepRun.check(sweep, threads);
        } catch (IllegalArgumentException e) {
            err.println("collapse-spark sweep: " + e.getMessage());
            return 2;
        }
        if (dryRun) {
            SweepDryRun.print(sweep, Path.of(args[3]), threads, memory, out);
            out.printf("On Spark the cells run side by side, one per task of %s: divide by the tasks the cluster runs at once "
                    + "(its cores / %d), down to the longest cell.%n", threads == 1 ? "1 core" : threads + " cores (" + TASK_CPUS + ")", threads);
            return 0;
        }
        return run(sweep, Path.of(args[3]));
    }

    /**
     * @param value {@value #TASK_CPUS}, the cores Spark gives each task: a cell's replicates run on that many threads
     * @return the threads
     * @throws IllegalArgumentException naming the setting, for anything but an integer of at least 1
     */
    static int taskCpus(String value) {
        try {
            final int n = Integer.parseInt(value.strip());
            if (n >= 1) {
                return n;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw new IllegalArgumentException(TASK_CPUS + " = " + value + ": must be an integer >= 1 (the cores of each task, and the threads of a cell's replicates)");
    }

    /** @return the first of the jobs to have ended, waiting for one if none has */
    private static JavaFutureAction<List<CellResult>> firstEnded(Set<JavaFutureAction<List<CellResult>>> jobs) throws IOException {
        while (true) {
            for (JavaFutureAction<List<CellResult>> job : jobs) {
                if (job.isDone()) {
                    return job;
                }
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while " + jobs.size() + " cells ran", e);
            }
        }
    }

    /** @return the cell's result, once its job has ended */
    private static CellResult result(JavaFutureAction<List<CellResult>> job, Cell cell) throws IOException {
        try {
            return job.get().get(0);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while cell " + cell.index() + " ran", e);
        } catch (ExecutionException e) {
            throw new IOException("Spark could not run cell " + cell.index() + ": " + e.getCause(), e.getCause());
        }
    }

    /**
     * @return the pending cells in the order they go out: longest first by a pilot of each on the driver (else the
     *     cluster may end on its longest cell alone). Always, with two cells or more: at the start a standalone
     *     cluster's executors may not have registered yet, so its cores are not known.
     */
    private static List<Cell> order(Sweep sweep, List<Cell> pending, int threads) {
        if (pending.size() < 2) {
            return pending;
        }
        final long pilot = Math.min(CellPilot.DEFAULT_NANOS, PILOT_BUDGET_NANOS / pending.size());
        return CellPilot.longestFirst(sweep, pending, pilot, System.nanoTime() + PILOT_BUDGET_NANOS, threads);
    }

    /** @return 0 if every cell ran, 1 if some failed */
    static int run(Sweep sweep, Path out) throws IOException {
        final SparkSession spark = SparkSession.builder().appName("collapse sweep " + sweep.file())
                .master(System.getProperty("spark.master", "local[*]")).getOrCreate();
        try (SweepRun run = SweepRun.open(sweep, out, "spark " + spark.sparkContext().master())) {
            final int[] counts;
            final JavaSparkContext context = new JavaSparkContext(spark.sparkContext());
            final int threads = taskCpus(spark.sparkContext().getConf().get(TASK_CPUS, "1"));
            final long orderStart = System.nanoTime();
            final List<Cell> cells = order(sweep, run.pending(), threads);
            final double orderSeconds = (System.nanoTime() - orderStart) / 1e9;
            if (cells != run.pending()) {
                System.out.printf("%d cells ordered longest first by a pilot of each on the driver (%s)%n", cells.size(), SweepRun.duration(orderSeconds));
            }
            final String family = sweep.family();
            final boolean every = sweep.everyGeneration();
            // Results are stored as their jobs end; the exports sort by cell, so the order leaves the tables as they are.
            final Map<JavaFutureAction<List<CellResult>>, Cell> inFlight = new HashMap<>();
            int submitted = 0;
            int done = run.resumed();
            while (submitted < cells.size() || !inFlight.isEmpty()) {
                // Read each time: a standalone cluster's cores count as its executors register.
                final int window = Math.max(MIN_IN_FLIGHT, IN_FLIGHT_PER_SLOT * Math.max(1, context.defaultParallelism() / threads));
                while (submitted < cells.size() && inFlight.size() < window) {
                    final Cell next = cells.get(submitted++);
                    inFlight.put(context.parallelize(List.of(next), 1)
                            .map(c -> CellResult.run(family, c, threads, every, (d, total) -> {})).collectAsync(), next);
                }
                final JavaFutureAction<List<CellResult>> job = firstEnded(inFlight.keySet());
                final Cell cell = inFlight.remove(job);
                final CellResult r = result(job, cell);
                run.store(cell, r);
                SweepRun.report(System.out, cell, ++done, sweep.cells().size(), r);
            }
            counts = run.finish(threads, Map.of("spark_master", spark.sparkContext().master(), "spark_version", spark.version(),
                    "spark_default_parallelism", spark.sparkContext().defaultParallelism(),
                    "spark_order_pilot_seconds", orderSeconds));
            for (String table : SweepStore.TABLES) {
                spark.read().parquet(out.resolve(table + ".parquet").toAbsolutePath().toString()).coalesce(1).write().mode("overwrite")
                        .parquet(out.resolve("spark").resolve(table).toAbsolutePath().toString());
            }
            System.out.printf("%d cells done, %d failed; wrote %s%n", counts[0], counts[1], out.toAbsolutePath().normalize());
            return counts[1] > 0 ? 1 : 0;
        } finally {
            spark.stop();
        }
    }
}
