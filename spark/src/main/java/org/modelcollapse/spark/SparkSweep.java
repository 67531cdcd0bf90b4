package org.modelcollapse.spark;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.spark.api.java.JavaFutureAction;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.modelcollapse.cli.SweepDryRun;
import org.modelcollapse.cli.sweep.Cell;
import org.modelcollapse.cli.sweep.CellResult;
import org.modelcollapse.cli.sweep.Sweep;
import org.modelcollapse.cli.sweep.SweepFile;
import org.modelcollapse.cli.sweep.SweepRun;
import org.modelcollapse.cli.sweep.SweepStore;

/**
 * {@code spark-submit --class org.modelcollapse.spark.SparkSweep collapse-spark.jar sweep FILE --out DIR}:
 * the sweep of {@code collapse sweep}, its cells distributed as Spark tasks (one single-task job per cell, up to
 * {@value #IN_FLIGHT_PER_CORE} per core in flight, each cell's replicates on one executor core). The driver checks the file, resumes DIR like the local runner,
 * and stores each cell's rows as they come back, in cell order, through the same {@link SweepRun}, so that
 * the tables are byte for byte the local runner's; it then also writes them with Spark's DataFrame writer
 * under DIR/spark/. The master is spark-submit's, else {@code local[*]}. With {@code --dry-run} it lists the
 * cells and their estimates as {@code collapse sweep --dry-run} does, one core per cell, and starts no Spark.
 */
public final class SparkSweep {
    /** Cells in flight per core: enough that cores stay busy while the driver waits for a long cell to store it in order. */
    private static final int IN_FLIGHT_PER_CORE = 4;
    private static final int MIN_IN_FLIGHT = 8;

    private SparkSweep() {}

    /** Entry point. */
    public static void main(String[] args) throws IOException {
        final boolean dryRun = args.length == 5 && args[4].equals("--dry-run");
        if (args.length != 4 && !dryRun || !args[0].equals("sweep") || !args[2].equals("--out")) {
            System.err.println("collapse-spark: usage: sweep FILE --out DIR [--dry-run]");
            System.exit(2);
        }
        final Sweep sweep;
        final double memory;
        try {
            sweep = SweepFile.read(Path.of(args[1]));
            memory = SweepRun.check(sweep, 1);
        } catch (IllegalArgumentException e) {
            System.err.println("collapse-spark sweep: " + e.getMessage());
            System.exit(2);
            return;
        }
        if (dryRun) {
            SweepDryRun.print(sweep, Path.of(args[3]), 1, memory, System.out);
            System.out.println("On Spark the cells run side by side, one per core: divide by the cluster's cores, down to the longest cell.");
            System.exit(0);
        }
        System.exit(run(sweep, Path.of(args[3])));
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

    /** @return 0 if every cell ran, 1 if some failed */
    static int run(Sweep sweep, Path out) throws IOException {
        final SparkSession spark = SparkSession.builder().appName("collapse sweep " + sweep.file())
                .master(System.getProperty("spark.master", "local[*]")).getOrCreate();
        try (SweepRun run = SweepRun.open(sweep, out, "spark " + spark.sparkContext().master())) {
            final List<Cell> pending = run.pending();
            final int[] counts;
            final JavaSparkContext context = new JavaSparkContext(spark.sparkContext());
            final int window = Math.max(MIN_IN_FLIGHT, IN_FLIGHT_PER_CORE * context.defaultParallelism());
            final String family = sweep.family();
            final boolean every = sweep.everyGeneration();
            final ArrayDeque<JavaFutureAction<List<CellResult>>> inFlight = new ArrayDeque<>();
            int submitted = 0;
            for (Cell cell : pending) {
                while (submitted < pending.size() && inFlight.size() < window) {
                    inFlight.add(context.parallelize(List.of(pending.get(submitted++)), 1)
                            .map(c -> CellResult.run(family, c, 1, every, (done, total) -> {})).collectAsync());
                }
                final CellResult r = result(inFlight.poll(), cell);
                run.store(cell, r);
                SweepRun.report(System.out, cell, sweep.cells().size(), r);
            }
            counts = run.finish(1, Map.of("spark_master", spark.sparkContext().master(), "spark_version", spark.version(),
                    "spark_default_parallelism", spark.sparkContext().defaultParallelism()));
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
