package org.modelcollapse.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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

    @Test
    void localTwoGivesTheLocalRunnersTablesByteForByte() throws IOException {
        final Path file = tmp.resolve("s.toml");
        Files.writeString(file, SWEEP);
        final Sweep sweep = SweepFile.read(file);
        final Path local = tmp.resolve("local");
        final Path spark = tmp.resolve("spark");
        LocalSweep.run(sweep, local, 2, System.out, (d, t) -> {});
        System.setProperty("spark.master", "local[2]");
        System.setProperty("spark.driver.host", "127.0.0.1");
        System.setProperty("spark.driver.bindAddress", "127.0.0.1");
        System.setProperty("spark.ui.enabled", "false");
        assertEquals(0, SparkSweep.run(sweep, spark));
        for (String t : List.of("cells", "summary", "replicates", "replicate_metrics")) {
            assertArrayEquals(Files.readAllBytes(local.resolve(t + ".csv")), Files.readAllBytes(spark.resolve(t + ".csv")), t + ".csv");
            assertArrayEquals(Files.readAllBytes(local.resolve(t + ".parquet")), Files.readAllBytes(spark.resolve(t + ".parquet")), t + ".parquet");
        }
        assertTrue(Files.isDirectory(spark.resolve("spark").resolve("summary")), "Spark's own Parquet writer");
    }
}
