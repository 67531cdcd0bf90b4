package org.modelcollapse.spark;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.modelcollapse.cli.sweep.Cell;
import org.modelcollapse.cli.sweep.CellResult;
import org.modelcollapse.cli.sweep.Sweep;
import org.modelcollapse.cli.sweep.SweepFile;
import org.modelcollapse.cli.sweep.SweepRun;
import org.modelcollapse.cli.sweep.SweepStore;

/**
 * {@code spark-submit --class org.modelcollapse.spark.SparkSweep collapse-spark.jar sweep FILE --out DIR}:
 * the sweep of {@code collapse sweep}, its cells distributed as Spark tasks (one partition per cell, each
 * cell's replicates on one executor core). The driver checks the file, resumes DIR like the local runner,
 * and stores each cell's rows as they come back, in cell order, through the same {@link SweepRun}, so that
 * the tables are byte for byte the local runner's; it then also writes them with Spark's DataFrame writer
 * under DIR/spark/. The master is spark-submit's, else {@code local[*]}.
 */
public final class SparkSweep {
    private SparkSweep() {}

    /** Entry point. */
    public static void main(String[] args) throws IOException {
        if (args.length != 4 || !args[0].equals("sweep") || !args[2].equals("--out")) {
            System.err.println("collapse-spark: usage: sweep FILE --out DIR");
            System.exit(2);
        }
        final Sweep sweep;
        try {
            sweep = SweepFile.read(Path.of(args[1]));
            SweepRun.check(sweep, 1);
        } catch (IllegalArgumentException e) {
            System.err.println("collapse-spark sweep: " + e.getMessage());
            System.exit(2);
            return;
        }
        System.exit(run(sweep, Path.of(args[3])));
    }

    /** @return 0 if every cell ran, 1 if some failed */
    static int run(Sweep sweep, Path out) throws IOException {
        final SparkSession spark = SparkSession.builder().appName("collapse sweep " + sweep.file())
                .master(System.getProperty("spark.master", "local[*]")).getOrCreate();
        try (SweepRun run = SweepRun.open(sweep, out, "spark " + spark.sparkContext().master())) {
            final List<Cell> pending = run.pending();
            final int[] counts;
            if (!pending.isEmpty()) {
                final String family = sweep.family();
                final boolean every = sweep.everyGeneration();
                final Iterator<CellResult> results = new JavaSparkContext(spark.sparkContext()).parallelize(pending, pending.size())
                        .map(c -> CellResult.run(family, c, 1, every, (done, total) -> {})).toLocalIterator();
                for (Cell cell : pending) {
                    final CellResult r = results.next();
                    run.store(cell, r);
                    SweepRun.report(System.out, cell, sweep.cells().size(), r);
                }
            }
            counts = run.finish(1, Map.of("spark_master", spark.sparkContext().master(), "spark_version", spark.version()));
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
