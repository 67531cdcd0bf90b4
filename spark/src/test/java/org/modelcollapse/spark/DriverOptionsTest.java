package org.modelcollapse.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.spark.launcher.JavaModuleOptions;
import org.junit.jupiter.api.Test;

/**
 * {@code spark/driver-options.txt}, the driver options the README gives spark-submit users, is Spark's own
 * {@link JavaModuleOptions} list plus the Vector API module, and every one of them is an option the tests'
 * JVMs ran with ({@code spark.jvm.options} in the pom), so the list users copy is the tested one.
 */
class DriverOptionsTest {
    private static List<String> driverOptions() throws IOException {
        return Arrays.asList(Files.readString(Path.of("driver-options.txt")).strip().split("\\s+"));
    }

    @Test
    void theDriverOptionsAreSparksModuleOptionsAndTheVectorModule() throws IOException {
        final Set<String> expected = new TreeSet<>(Arrays.asList(JavaModuleOptions.defaultModuleOptionArray()));
        expected.add("--add-modules=jdk.incubator.vector");
        assertEquals(expected, new TreeSet<>(driverOptions()), "spark/driver-options.txt against Spark's JavaModuleOptions");
    }

    @Test
    void theTestsRanWithEveryDriverOption() throws IOException {
        final List<String> jvm = ManagementFactory.getRuntimeMXBean().getInputArguments();
        for (String option : driverOptions()) {
            assertTrue(jvm.contains(option), () -> option + " is in spark/driver-options.txt but not in spark.jvm.options (spark/pom.xml)");
        }
    }
}
