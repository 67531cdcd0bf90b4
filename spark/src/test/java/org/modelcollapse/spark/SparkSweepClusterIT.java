package org.modelcollapse.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.modelcollapse.cli.sweep.LocalSweep;
import org.modelcollapse.cli.sweep.SweepFile;

/**
 * The shaded jar on a real standalone cluster (a master, a worker and its executor: JVMs of their own on
 * 127.0.0.1) through spark-submit in client mode: a sweep's tables byte for byte the local runner's.
 */
class SparkSweepClusterIT {
    private static final Path LOGS = Path.of(System.getProperty("collapse.spark.logs", "target/spark-it"));
    private static StandaloneCluster cluster;

    @BeforeAll
    static void startCluster() throws IOException, InterruptedException {
        cluster = StandaloneCluster.start(Path.of(System.getProperty("collapse.spark.home", "target/spark-home")), LOGS.resolve("cluster"), 2, "2g");
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void aClusterSweepWritesTheLocalRunnersTables() throws IOException, InterruptedException {
        final Path out = LOGS.resolve("out-cluster");
        final Path local = LOGS.resolve("out-local");
        for (Path p : List.of(out, local)) {
            if (Files.exists(p)) {
                try (Stream<Path> s = Files.walk(p)) {
                    s.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
                }
            }
        }
        final Path file = Files.writeString(LOGS.resolve("sweep.toml"), SparkSweepTest.SWEEP);
        // No spark.executor.extraJavaOptions: Spark 4.2's driver gives executors JavaModuleOptions, jdk.incubator.vector included.
        // Tasks of the worker's two cores: spark-submit's --conf reaches the driver, and each cell runs on two threads.
        final StandaloneCluster.Submission run = cluster.submit("submit", List.of("spark.executor.memory=1g", SparkSweep.TASK_CPUS + "=2"),
                Path.of(System.getProperty("collapse.spark.jar", "target/collapse-spark.jar")), SparkSweep.class.getName(),
                List.of("sweep", file.toAbsolutePath().toString(), "--out", out.toAbsolutePath().toString()), Duration.ofSeconds(120));
        assertEquals(0, run.exitCode(), () -> "spark-submit failed\n" + cluster.tails());
        try (Stream<Path> apps = Files.list(cluster.workFolder())) {
            assertTrue(apps.anyMatch(a -> a.getFileName().toString().startsWith("app-")), () -> "the worker ran no executor\n" + cluster.tails());
        }
        final List<String> timings = Files.readAllLines(out.resolve("timings.csv"));
        final int threads = List.of(timings.get(0).split(",")).indexOf("threads");
        for (String row : timings.subList(1, timings.size())) {
            assertEquals("2", row.split(",")[threads], row);
        }
        LocalSweep.run(SweepFile.read(file), local, 2, System.out, (d, t) -> {});
        for (String t : List.of("cells", "summary", "replicates", "replicate_metrics")) {
            assertArrayEquals(Files.readAllBytes(local.resolve(t + ".csv")), Files.readAllBytes(out.resolve(t + ".csv")), t + ".csv");
            assertArrayEquals(Files.readAllBytes(local.resolve(t + ".parquet")), Files.readAllBytes(out.resolve(t + ".parquet")), t + ".parquet");
        }
    }
}
