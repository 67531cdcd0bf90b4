package org.modelcollapse.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.modelcollapse.cli.sweep.LocalSweep;
import org.modelcollapse.cli.sweep.Sweep;
import org.modelcollapse.cli.sweep.SweepFile;

class SparkSweepTest {
    /** A small sweep, shared with the cluster test. */
    static final String SWEEP = """
            family = "discrete"
            seed = 5
            replicates = 10
            [options]
            until-absorbed = true
            mode = "exact"
            [axes]
            states = [2, 20]
            samples = [10, 100]
            """;

    @TempDir
    Path tmp;

    private Path localRun(Sweep sweep) throws IOException {
        final Path local = tmp.resolve("local");
        LocalSweep.run(sweep, local, 2, System.out, (d, t) -> {});
        return local;
    }

    private static void assertSameTables(Path local, Path spark) throws IOException {
        for (String t : List.of("cells", "summary", "replicates", "replicate_metrics")) {
            assertArrayEquals(Files.readAllBytes(local.resolve(t + ".csv")), Files.readAllBytes(spark.resolve(t + ".csv")), t + ".csv");
            assertArrayEquals(Files.readAllBytes(local.resolve(t + ".parquet")), Files.readAllBytes(spark.resolve(t + ".parquet")), t + ".parquet");
        }
    }

    /** Runs the sweep on local[2], with {@code spark.task.cpus} as given (null: Spark's default). */
    private static int sparkRun(Sweep sweep, Path out, String taskCpus) throws IOException {
        System.setProperty("spark.master", "local[2]");
        System.setProperty("spark.driver.host", "127.0.0.1");
        System.setProperty("spark.driver.bindAddress", "127.0.0.1");
        System.setProperty("spark.ui.enabled", "false");
        if (taskCpus != null) {
            System.setProperty(SparkSweep.TASK_CPUS, taskCpus);
        }
        try {
            return SparkSweep.run(sweep, out);
        } finally {
            System.clearProperty(SparkSweep.TASK_CPUS);
        }
    }

    @Test
    void localTwoGivesTheLocalRunnersTablesByteForByte() throws IOException {
        final Sweep sweep = SweepFile.read(Files.writeString(tmp.resolve("s.toml"), SWEEP));
        final Path spark = tmp.resolve("spark");
        assertEquals(0, sparkRun(sweep, spark, null));
        assertSameTables(localRun(sweep), spark);
        assertTrue(Files.isDirectory(spark.resolve("spark").resolve("summary")), "Spark's own Parquet writer");
    }

    @Test
    void tasksOfTwoCoresRunEachCellOnTwoThreadsWithTheSameTables() throws IOException {
        final Sweep sweep = SweepFile.read(Files.writeString(tmp.resolve("s.toml"), SWEEP));
        final Path spark = tmp.resolve("spark2");
        assertEquals(0, sparkRun(sweep, spark, "2"));
        assertSameTables(localRun(sweep), spark);
        final List<String> timings = Files.readAllLines(spark.resolve("timings.csv"));
        final int threads = Arrays.asList(timings.get(0).split(",")).indexOf("threads");
        assertTrue(threads >= 0, timings.get(0));
        for (String row : timings.subList(1, timings.size())) {
            assertEquals("2", row.split(",")[threads], row);
        }
    }

    /** Runs the command line; returns its status, standard output and standard error. */
    private static String[] command(String... args) throws IOException {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final ByteArrayOutputStream err = new ByteArrayOutputStream();
        final int status = SparkSweep.command(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new String[] {Integer.toString(status), out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8)};
    }

    @Test
    void aDryRunListsTheCellsForOneCoreEachAndWritesNothing() throws IOException {
        final Path file = tmp.resolve("s.toml");
        Files.writeString(file, SWEEP);
        final Path out = tmp.resolve("dry");
        final String[] r = command("sweep", file.toString(), "--out", out.toString(), "--dry-run");
        assertEquals("0", r[0], r[2]);
        assertTrue(r[1].contains("cell 3 states=20 samples=100 seed="), r[1]);
        assertTrue(r[1].contains("4 cells (0 done); estimated time"), r[1]);
        assertTrue(r[1].contains("one cell at a time on 1 thread"), r[1]);
        assertTrue(r[1].contains("On Spark the cells run side by side"), r[1]);
        assertFalse(Files.exists(out), "a dry run writes nothing");
    }

    @Test
    void aBadTaskCoreCountIsRefusedInOneLine() throws IOException {
        final Path file = Files.writeString(tmp.resolve("s.toml"), SWEEP);
        System.setProperty(SparkSweep.TASK_CPUS, "0");
        final String[] r;
        try {
            r = command("sweep", file.toString(), "--out", tmp.resolve("out").toString(), "--dry-run");
        } finally {
            System.clearProperty(SparkSweep.TASK_CPUS);
        }
        assertEquals("2", r[0]);
        assertEquals("collapse-spark sweep: spark.task.cpus = 0: must be an integer >= 1 (the cores of each task, and the threads of a cell's replicates)",
                r[2].strip());
        assertFalse(Files.exists(tmp.resolve("out")));
    }

    @Test
    void badArgumentsAndBadSweepFilesAreRefusedInOneLineWithStatusTwo() throws IOException {
        final Path out = tmp.resolve("bad");
        final String[] usage = command("sweep", "s.toml", "--output", out.toString());
        assertEquals("2", usage[0]);
        assertEquals("collapse-spark: usage: sweep FILE --out DIR [--dry-run]\n", usage[2].replace(System.lineSeparator(), "\n"));
        final Path file = tmp.resolve("bad.toml");
        Files.writeString(file, SWEEP.replace("replicates = 10", "replicates = 0"));
        final String[] bad = command("sweep", file.toString(), "--out", out.toString());
        assertEquals("2", bad[0]);
        assertTrue(bad[2].startsWith("collapse-spark sweep: ") && bad[2].contains("replicates = 0: must be an integer >= 1"), bad[2]);
        assertEquals(1, bad[2].lines().count(), bad[2]);
        assertFalse(Files.exists(out), "nothing written for bad input");
    }
}
